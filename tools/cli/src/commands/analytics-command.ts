import { parseArgs } from 'node:util';
import { isRecord, problemSuffix } from '../admin-client.ts';
import { CliError } from '../cli-error.ts';
import type { Command, CommandContext } from '../command.ts';
import { connectAsAdmin } from '../running-platform.ts';

export const analyticsUsage = `Usage: emporium analytics rebuild [--json]

The analytics service of the platform \`emporium up\` runs from this EMPORIUM_HOME.

  rebuild   empties every report's projection and replays the whole fact store into it
            (POST /admin/rebuild): the reports come out the same, or as a changed
            projection now says. New events wait until it is done.

Logs in to identity as the first admin (ADMIN_EMAIL, default admin@emporium.local; the
password from secrets/identity-admin-password).

Options:
  --json      print what analytics answered, as JSON
  -h, --help  show this help
`;

export type AnalyticsRequest = { action: 'help' } | { action: 'rebuild'; json: boolean };

export const analyticsCommand: Command = {
  name: 'analytics',
  summary: 'rebuild the analytics reports from the fact store',
  usage: analyticsUsage,
  run: runAnalytics,
};

/** Reads `analytics`'s arguments; a usage error says what is wrong, then the usage. */
export function parseAnalyticsArgs(argv: readonly string[]): AnalyticsRequest {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  const [action, ...extra] = positionals;
  if (action === undefined) throw usageError('name an action: rebuild');
  if (action !== 'rebuild') throw usageError(`unknown action "${action}"`);
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  return { action, json: values.json === true };
}

async function runAnalytics(context: CommandContext): Promise<number> {
  const request = parseAnalyticsArgs(context.argv);
  if (request.action === 'help') {
    context.stdout.write(analyticsUsage);
    return 0;
  }
  const { services, admin } = await connectAsAdmin(context);
  const analytics = services.find((service) => service.name === 'analytics');
  if (!analytics) throw new CliError('REQUEST_FAILED', 'analytics is not among the running services');
  const answer = await admin.call(analytics.url, 'POST', '/admin/rebuild');
  if (!answer) throw new CliError('REQUEST_FAILED', `analytics does not answer at ${analytics.url}`);
  if (answer.status !== 200 || !isRecord(answer.body) || typeof answer.body.facts !== 'number') {
    throw new CliError('REQUEST_FAILED', `analytics answered ${answer.status}${problemSuffix(answer.body)}`);
  }
  context.stdout.write(
    request.json
      ? `${JSON.stringify(answer.body)}\n`
      : `analytics: reports rebuilt from ${answer.body.facts} fact${answer.body.facts === 1 ? '' : 's'}\n`,
  );
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
}

function usageError(message: string): CliError {
  return new CliError('USAGE', `${message}\n\n${analyticsUsage}`, 2);
}
