import { type AdminClient, isRecord, problemSuffix } from '../admin-client.ts';
import { CliError } from '../cli-error.ts';
import type { Command, CommandContext } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { connectAsAdmin } from '../running-platform.ts';
import type { ServiceState } from '../state-file.ts';
import { type DlqRequest, dlqUsage, parseDlqArgs } from './dlq-options.ts';

export const dlqCommand: Command = {
  name: 'dlq',
  summary: 'list, show and replay dead-lettered events',
  usage: dlqUsage,
  run: runDlq,
};

/** One dead letter as a service's /admin/dead-letters answers it. */
export interface DeadLetter {
  id: string;
  group: string;
  eventId: string | null;
  type: string | null;
  error: string;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
  body?: string;
}

/** What `list` found in one service. */
export type ServiceDeadLetters =
  | { name: string; status: 'ok'; deadLetters: DeadLetter[] }
  | { name: string; status: 'no-consumers' }
  | { name: string; status: 'unreachable' }
  | { name: string; status: 'failed'; error: string };

const MAX_PAGES = 100;

async function runDlq(context: CommandContext): Promise<number> {
  const request = parseDlqArgs(context.argv);
  if (request.action === 'help') {
    context.stdout.write(dlqUsage);
    return 0;
  }
  const { services, admin } = await connectAsAdmin(context);

  if (request.action === 'list') {
    const selected = request.service ? [serviceNamed(services, request.service)] : services;
    const found = await Promise.all(selected.map((service) => listService(admin, service)));
    context.stdout.write(
      request.json ? `${JSON.stringify({ services: found })}\n` : formatDeadLetterList(found),
    );
    return found.some((service) => service.status === 'unreachable' || service.status === 'failed') ? 1 : 0;
  }
  return request.action === 'show'
    ? show(context, admin, services, request)
    : replay(context, admin, services, request);
}

async function show(
  context: CommandContext,
  admin: AdminClient,
  services: readonly ServiceState[],
  request: Extract<DlqRequest, { action: 'show' }>,
): Promise<number> {
  const service = serviceNamed(services, request.service);
  const answer = expectOk(service, await admin.call(service.url, 'GET', `/admin/dead-letters/${request.id}`));
  const letter = toDeadLetter(answer);
  if (!letter)
    throw new CliError('REQUEST_FAILED', `${service.name} answered something that is not a dead letter`);
  context.stdout.write(request.json ? `${JSON.stringify(letter)}\n` : formatDeadLetter(service.name, letter));
  return 0;
}

async function replay(
  context: CommandContext,
  admin: AdminClient,
  services: readonly ServiceState[],
  request: Extract<DlqRequest, { action: 'replay' }>,
): Promise<number> {
  const service = serviceNamed(services, request.service);
  const path = `/admin/dead-letters/${request.id}/replay${request.force ? '?force=true' : ''}`;
  const answer = expectOk(service, await admin.call(service.url, 'POST', path));
  const outcome = isRecord(answer) && typeof answer.outcome === 'string' ? answer.outcome : 'unknown';
  const error = isRecord(answer) && typeof answer.error === 'string' ? answer.error : undefined;
  context.stdout.write(
    request.json
      ? `${JSON.stringify(answer)}\n`
      : `${service.name} dead letter ${request.id}: ${describeOutcome(outcome)}${error ? `\n  ${error}` : ''}\n`,
  );
  return outcome === 'failed' ? 1 : 0;
}

async function listService(admin: AdminClient, service: ServiceState): Promise<ServiceDeadLetters> {
  const deadLetters: DeadLetter[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer = await admin.call(service.url, 'GET', `/admin/dead-letters?${query}`);
    if (!answer) return { name: service.name, status: 'unreachable' };
    // The route exists only in services that consume events.
    if (answer.status === 404 && isRecord(answer.body) && answer.body.code === 'ROUTE_NOT_FOUND') {
      return { name: service.name, status: 'no-consumers' };
    }
    if (answer.status !== 200 || !isRecord(answer.body) || !Array.isArray(answer.body.deadLetters)) {
      return { name: service.name, status: 'failed', error: `${answer.status}${problemSuffix(answer.body)}` };
    }
    for (const entry of answer.body.deadLetters) {
      const letter = toDeadLetter(entry);
      if (letter) deadLetters.push(letter);
    }
    const next = answer.body.nextCursor;
    if (typeof next !== 'string') break;
    cursor = next;
  }
  return { name: service.name, status: 'ok', deadLetters };
}

function serviceNamed(services: readonly ServiceState[], name: string): ServiceState {
  const service = services.find((candidate) => candidate.name === name);
  if (!service) {
    throw new CliError(
      'USAGE',
      `"${name}" is not running; running: ${services.map((candidate) => candidate.name).join(', ') || 'none'}`,
      2,
    );
  }
  return service;
}

function expectOk(service: ServiceState, answer: Awaited<ReturnType<AdminClient['call']>>): unknown {
  if (!answer) throw new CliError('REQUEST_FAILED', `${service.name} does not answer at ${service.url}`);
  if (answer.status === 404 && isRecord(answer.body) && answer.body.code === 'ROUTE_NOT_FOUND') {
    throw new CliError('REQUEST_FAILED', `${service.name} consumes no events, so it has no dead letters`);
  }
  if (answer.status !== 200) {
    throw new CliError(
      'REQUEST_FAILED',
      `${service.name} answered ${answer.status}${problemSuffix(answer.body)}`,
    );
  }
  return answer.body;
}

function toDeadLetter(value: unknown): DeadLetter | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.group !== 'string') return undefined;
  const text = (field: unknown) => (typeof field === 'string' ? field : null);
  return {
    id: value.id,
    group: value.group,
    eventId: text(value.eventId),
    type: text(value.type),
    error: text(value.error) ?? '',
    attempts: typeof value.attempts === 'number' ? value.attempts : 0,
    createdAt: text(value.createdAt) ?? '',
    replayedAt: text(value.replayedAt),
    ...(typeof value.body === 'string' ? { body: value.body } : {}),
  };
}

function describeOutcome(outcome: string): string {
  switch (outcome) {
    case 'handled':
      return 'handled';
    case 'duplicate':
      return 'duplicate (the event had been handled already; nothing ran)';
    case 'failed':
      return 'failed again';
    default:
      return outcome;
  }
}

const ERROR_WIDTH = 60;

/** `list`'s human output: per service a table, or why it has none. */
export function formatDeadLetterList(services: readonly ServiceDeadLetters[]): string {
  if (services.length === 0) return 'No services are running.\n';
  return `${services.map(describeServiceLetters).join('\n\n')}\n`;
}

function describeServiceLetters(service: ServiceDeadLetters): string {
  if (service.status === 'no-consumers') return `${service.name}: no event consumers (skipped)`;
  if (service.status === 'unreachable') return `${service.name}: does not answer`;
  if (service.status === 'failed') return `${service.name}: could not list dead letters (${service.error})`;
  const count = service.deadLetters.length;
  if (count === 0) return `${service.name}: no dead letters`;
  const table = formatTable(
    ['id', 'group', 'type', 'attempts', 'created', 'replayed', 'error'],
    service.deadLetters.map((letter) => [
      letter.id,
      letter.group,
      letter.type ?? '-',
      String(letter.attempts),
      letter.createdAt,
      letter.replayedAt ?? '-',
      truncate(letter.error.replace(/\s+/g, ' '), ERROR_WIDTH),
    ]),
    '  ',
  );
  return `${service.name}: ${count} dead letter${count === 1 ? '' : 's'}\n${table}`;
}

/** `show`'s human output: the fields, then the body as indented JSON when it is JSON. */
export function formatDeadLetter(service: string, letter: DeadLetter): string {
  let body = letter.body ?? '';
  try {
    body = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as it came.
  }
  return [
    `${service} dead letter ${letter.id}`,
    `  group:     ${letter.group}`,
    `  type:      ${letter.type ?? '-'}`,
    `  event id:  ${letter.eventId ?? '-'}`,
    `  attempts:  ${letter.attempts}`,
    `  created:   ${letter.createdAt}`,
    `  replayed:  ${letter.replayedAt ?? 'no'}`,
    `  error:     ${letter.error}`,
    'body:',
    body,
    '',
  ].join('\n');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
