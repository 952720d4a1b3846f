import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';

export const dlqUsage = `Usage: emporium dlq list [--service <name>] [--json]
       emporium dlq show <service> <id> [--json]
       emporium dlq replay <service> <id> [--force] [--json]

Dead-lettered events of the services \`emporium up\` runs from this EMPORIUM_HOME. Logs in to
identity as the first admin (ADMIN_EMAIL, default admin@emporium.local; the password from
secrets/identity-admin-password) and calls each service's /admin/dead-letters routes.

  list     every service's dead letters, newest first (replayed ones included);
           a service without event consumers is skipped
  show     one dead letter: the delivery as it came, and why it failed
  replay   runs it through its consumer again: handled, duplicate (handled before),
           or failed (exit status 1)

Options:
  --service <name>  list one service only
  --force           replay a dead letter that was replayed already
  --json            print what the services answered, as JSON
  -h, --help        show this help
`;

export type DlqRequest =
  | { action: 'help' }
  | { action: 'list'; service: string | undefined; json: boolean }
  | { action: 'show'; service: string; id: string; json: boolean }
  | { action: 'replay'; service: string; id: string; force: boolean; json: boolean };

/** Reads `dlq`'s arguments; a usage error says what is wrong, then the usage. */
export function parseDlqArgs(argv: readonly string[]): DlqRequest {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  const [action, service, id, ...extra] = positionals;
  const json = values.json === true;
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  if (action === 'list') {
    if (service !== undefined) throw usageError('list takes no positional arguments; use --service <name>');
    if (values.force) throw usageError('--force is an option of replay');
    return { action, service: values.service, json };
  }
  if (action === 'show' || action === 'replay') {
    if (service === undefined || id === undefined) throw usageError(`${action} needs <service> <id>`);
    if (!/^[1-9][0-9]{0,18}$/.test(id))
      throw usageError(`"${id}" is not a dead letter id (a positive integer)`);
    if (values.service !== undefined) throw usageError('--service is an option of list');
    if (action === 'show') {
      if (values.force) throw usageError('--force is an option of replay');
      return { action, service, id, json };
    }
    return { action, service, id, force: values.force === true, json };
  }
  throw usageError(
    action === undefined ? 'name an action: list, show or replay' : `unknown action "${action}"`,
  );
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      service: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
}

function usageError(message: string): CliError {
  return new CliError('USAGE', `${message}\n\n${dlqUsage}`, 2);
}
