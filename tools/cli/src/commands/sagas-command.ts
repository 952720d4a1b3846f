import { parseArgs } from 'node:util';
import { isRecord, problemSuffix } from '../admin-client.ts';
import { CliError } from '../cli-error.ts';
import type { Command, CommandContext } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { connectAsAdmin } from '../running-platform.ts';

export const sagasUsage = `Usage: emporium sagas [--stuck | --status <status>] [--limit <n>] [--json]
       emporium sagas show <id> [--json]

The orders service's sagas (checkout, cancellation, refund), newest first, for the run
\`emporium up\` keeps in this EMPORIUM_HOME (logged in as the first admin).

  (no action)  recent sagas: id, name, status, step, owner, age, failure
  show <id>    one saga with its data and step log

Options:
  --stuck            only sagas that need an operator: parked, or past their deadline
  --status <status>  running, compensating, completed, compensated or parked
  --limit <n>        how many (1-200, default 20)
  --json             print what orders answered, as JSON
  -h, --help         show this help

A parked saga is resumed with POST /sagas/<id>/retry on orders once its cause is fixed.
`;

export const sagasCommand: Command = {
  name: 'sagas',
  summary: 'list recent and stuck sagas, or show one with its step log',
  usage: sagasUsage,
  run: runSagas,
};

const STATUSES = ['running', 'compensating', 'completed', 'compensated', 'parked'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SagaSummary {
  id: string;
  name: string;
  status: string;
  step: number;
  failure: string | null;
  leaseOwner: string | null;
  createdAt: string;
  deadlineAt: string;
}

async function runSagas(context: CommandContext): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(context.argv);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    context.stdout.write(sagasUsage);
    return 0;
  }
  const [action, id, ...extra] = positionals;
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  if (action !== undefined && action !== 'show') throw usageError(`unknown action "${action}"`);
  if (action === 'show' && (id === undefined || !UUID.test(id)))
    throw usageError('show needs a saga id (a UUID)');
  if (values.stuck && values.status !== undefined)
    throw usageError('--stuck and --status do not go together');
  if (values.status !== undefined && !STATUSES.includes(values.status)) {
    throw usageError(`--status is one of ${STATUSES.join(', ')}, not "${values.status}"`);
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw usageError('--limit takes 1 to 200');

  const { services, admin } = await connectAsAdmin(context);
  const orders = services.find((service) => service.name === 'orders');
  if (!orders) throw new CliError('REQUEST_FAILED', 'orders is not running: sagas live there');
  const query = new URLSearchParams({ limit: String(limit) });
  if (values.stuck) query.set('stuck', 'true');
  if (values.status) query.set('status', values.status);
  const path = action === 'show' ? `/sagas/${id}` : `/sagas?${query}`;
  const answer = await admin.call(orders.url, 'GET', path);
  if (!answer) throw new CliError('REQUEST_FAILED', `orders does not answer at ${orders.url}`);
  if (answer.status !== 200 || !isRecord(answer.body)) {
    throw new CliError('REQUEST_FAILED', `orders answered ${answer.status}${problemSuffix(answer.body)}`);
  }
  if (values.json) {
    context.stdout.write(`${JSON.stringify(answer.body)}\n`);
    return 0;
  }
  context.stdout.write(
    action === 'show'
      ? formatSaga(answer.body)
      : formatSagaList((answer.body.sagas as SagaSummary[]) ?? [], new Date()),
  );
  return 0;
}

export function formatSagaList(sagas: readonly SagaSummary[], now: Date): string {
  if (sagas.length === 0) return 'no sagas\n';
  const rows = sagas.map((saga) => [
    saga.id,
    saga.name,
    saga.status,
    String(saga.step),
    saga.leaseOwner ?? '-',
    ageOf(saga.createdAt, now),
    saga.failure ?? '',
  ]);
  return `${formatTable(['id', 'saga', 'status', 'step', 'owner', 'age', 'failure'], rows)}\n`;
}

function formatSaga(saga: Record<string, unknown>): string {
  const lines = [
    `${saga.name} saga ${saga.id}: ${saga.status}${saga.failure ? ` (${saga.failure})` : ''}`,
    `  created ${saga.createdAt}, deadline ${saga.deadlineAt}, owner ${saga.leaseOwner ?? '-'}`,
    `  data ${JSON.stringify(saga.data)}`,
    '  steps:',
  ];
  for (const step of (saga.steps as Array<Record<string, unknown>> | undefined) ?? []) {
    lines.push(`    ${JSON.stringify(step)}`);
  }
  return `${lines.join('\n')}\n`;
}

function ageOf(createdAt: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(createdAt).getTime()) / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      stuck: { type: 'boolean' },
      status: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
}

function usageError(message: string): CliError {
  return new CliError('USAGE', `${message}\n\n${sagasUsage}`, 2);
}
