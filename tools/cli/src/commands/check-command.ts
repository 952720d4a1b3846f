import { parseArgs } from 'node:util';
import { gatherFacts } from '../check/gather-facts.ts';
import { checkInvariants, type InvariantResult } from '../check/platform-invariants.ts';
import { CliError } from '../cli-error.ts';
import type { Command, CommandContext } from '../command.ts';
import { connectAsAdmin } from '../running-platform.ts';

export const checkUsage = `Usage: emporium check [--wait <seconds>] [--json]

Verifies the platform's invariants from every service's API, for the run \`emporium up\`
keeps in this EMPORIUM_HOME (logged in as the first admin):

  - every order is final, or in a checkout saga that is alive and within its deadline
  - stock is conserved per SKU: received + counted = on hand + committed, and what is
    reserved is what reservations hold (inventory's stock ledger)
  - captured money = confirmed orders' totals - refunds, order by order
  - no payment is captured twice
  - no reservation holds stock for a cancelled order
  - every outbox event reached the bus, and each consumer group finished its deliveries
    with no dead letters

Prints a report; exits 0 when all hold, 1 on a violation, 2 on a usage error.

Options:
  --wait <seconds>  while only work in flight (events on their way) is wrong, look again
                    for up to this long before reporting (default 15)
  --json            print the results as JSON
  -h, --help        show this help
`;

export const checkCommand: Command = {
  name: 'check',
  summary: "verify the platform's invariants (orders, stock, money, events)",
  usage: checkUsage,
  run: runCheck,
};

async function runCheck(context: CommandContext): Promise<number> {
  let values: { wait?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...context.argv],
      options: { wait: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}\n\n${checkUsage}`, 2);
  }
  if (values.help) {
    context.stdout.write(checkUsage);
    return 0;
  }
  const waitSeconds = values.wait === undefined ? 15 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 3600) {
    throw new CliError(
      'USAGE',
      `--wait takes seconds from 0 to 3600, not "${values.wait}"\n\n${checkUsage}`,
      2,
    );
  }
  const { services, admin } = await connectAsAdmin(context);
  const until = Date.now() + waitSeconds * 1000;
  let results = checkInvariants(await gatherFacts(admin, services, () => new Date()));
  while (mayClear(results) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    results = checkInvariants(await gatherFacts(admin, services, () => new Date()));
  }
  const held = results.every((result) => result.violations.length === 0);
  context.stdout.write(values.json ? `${JSON.stringify({ held, results })}\n` : formatCheckReport(results));
  return held ? 0 : 1;
}

/** Only violations that work in flight may clear. */
function mayClear(results: readonly InvariantResult[]): boolean {
  const failing = results.filter((result) => result.violations.length > 0);
  return failing.length > 0 && failing.every((result) => result.transient);
}

const SHOWN_PER_INVARIANT = 20;

export function formatCheckReport(results: readonly InvariantResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const ok = result.violations.length === 0;
    lines.push(`${ok ? 'ok  ' : 'FAIL'}  ${result.name} (${result.scope})`);
    for (const violation of result.violations.slice(0, SHOWN_PER_INVARIANT))
      lines.push(`        ${violation}`);
    if (result.violations.length > SHOWN_PER_INVARIANT) {
      lines.push(`        ... and ${result.violations.length - SHOWN_PER_INVARIANT} more (--json shows all)`);
    }
  }
  const failed = results.filter((result) => result.violations.length > 0).length;
  lines.push(failed === 0 ? 'every invariant holds' : `${failed} of ${results.length} invariants violated`);
  return `${lines.join('\n')}\n`;
}
