import { type AdminClient, isRecord, problemSuffix } from '../admin-client.ts';
import { CliError } from '../cli-error.ts';
import type { ServiceState } from '../state-file.ts';
import type {
  EventFact,
  OrderFact,
  PaymentFact,
  PlatformFacts,
  SagaFact,
  StockFact,
} from './platform-invariants.ts';

/** Pages followed at most per listing: 100 000 rows at the largest page sizes. */
const MAX_PAGES = 1_000;

/**
 * Reads what the invariants are judged on from the running services' admin APIs (orders,
 * sagas, stock audit, reservations, payments, the payments ledger) and every instance's
 * /metrics (outbox and consumer groups).
 */
export async function gatherFacts(
  admin: AdminClient,
  services: readonly ServiceState[],
  now: () => Date,
): Promise<PlatformFacts> {
  const urlOf = (name: string) => {
    const service = services.find((candidate) => candidate.name === name);
    if (!service) throw new CliError('CHECK_INCOMPLETE', `${name} is not running; check needs every service`);
    return service.url;
  };
  const get = async (service: string, path: string): Promise<Record<string, unknown>> => {
    const answer = await admin.call(urlOf(service), 'GET', path);
    if (!answer) throw new CliError('CHECK_INCOMPLETE', `${service} does not answer ${path}`);
    if (answer.status !== 200 || !isRecord(answer.body)) {
      throw new CliError(
        'CHECK_INCOMPLETE',
        `${service} answered ${path} with ${answer.status}${problemSuffix(answer.body)}`,
      );
    }
    return answer.body;
  };
  const pages = async <T>(service: string, path: string, field: string): Promise<T[]> => {
    const rows: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const body = await get(
        service,
        `${path}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      rows.push(...((body[field] as T[] | undefined) ?? []));
      if (typeof body.nextCursor !== 'string') return rows;
      cursor = body.nextCursor;
    }
    throw new CliError('CHECK_INCOMPLETE', `${service} ${path} has more than ${MAX_PAGES} pages`);
  };

  const [orders, stock, reservations, payments, ledger, events] = await Promise.all([
    pages<OrderFact>('orders', '/admin/orders?limit=100', 'items'),
    pages<StockFact>('inventory', '/admin/stock/audit?limit=1000', 'items'),
    pages<{ orderId: string }>('inventory', '/admin/reservations?status=reserved&limit=1000', 'items'),
    pages<PaymentFact>('payments', '/admin/payments?limit=100', 'payments'),
    get('payments', '/admin/ledger/balances'),
    Promise.all(services.map((service) => eventFacts(service))),
  ]);
  const sagas = new Map<string, SagaFact>();
  for (const order of orders) {
    if (order.status !== 'pending' && order.status !== 'awaiting_payment') continue;
    const saga = await checkoutOf(admin, urlOf('orders'), order.checkoutSagaId);
    if (saga) sagas.set(order.checkoutSagaId, saga);
  }
  return {
    now: now(),
    orders,
    sagas,
    stock,
    heldReservations: reservations.map((reservation) => reservation.orderId),
    payments,
    capturedTwice: Array.isArray(ledger.capturedTwice) ? (ledger.capturedTwice as string[]) : [],
    events: events.flatMap((fact) => fact ?? []),
  };
}

/**
 * An order's checkout: an orchestrated saga (GET /sagas/:id) or, under CHECKOUT_STYLE=
 * choreography, the checkout orders follows by its events (GET /choreographies/:id).
 */
async function checkoutOf(admin: AdminClient, ordersUrl: string, id: string): Promise<SagaFact | undefined> {
  const saga = await admin.call(ordersUrl, 'GET', `/sagas/${id}`);
  if (saga?.status === 200 && isRecord(saga.body)) return saga.body as unknown as SagaFact;
  const choreography = await admin.call(ordersUrl, 'GET', `/choreographies/${id}`);
  if (choreography?.status !== 200 || !isRecord(choreography.body)) return undefined;
  const { stage, deadlineAt } = choreography.body;
  return {
    id,
    status: stage === 'completed' ? 'completed' : stage === 'cancelled' ? 'compensated' : 'running',
    deadlineAt: String(deadlineAt),
    failure: null,
  };
}

/** Scrapes of /metrics tried before giving up: a busy instance may fail one (its pool exhausted). */
const SCRAPE_ATTEMPTS = 3;

/** An instance's outbox and consumer-group gauges from /metrics; undefined when it has no bus. */
async function eventFacts(service: ServiceState): Promise<EventFact | undefined> {
  let failure = '';
  for (let attempt = 1; attempt <= SCRAPE_ATTEMPTS; attempt++) {
    try {
      const response = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
      const text = await response.text();
      if (response.ok) return eventFactsOf(service.instance, text);
      failure = `status ${response.status}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    if (attempt < SCRAPE_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new CliError('CHECK_INCOMPLETE', `${service.instance} /metrics: ${failure}`);
}

/** Reads the messaging gauges out of a Prometheus text exposition. */
export function eventFactsOf(instance: string, text: string): EventFact | undefined {
  const samples = [...text.matchAll(/^(emporium_[a-z_]+)(?:\{([^}]*)\})? ([0-9.eE+-]+|NaN)$/gm)].map(
    (match) => ({
      name: match[1] ?? '',
      group: /(?:^|,)group="([^"]*)"/.exec(match[2] ?? '')?.[1],
      value: Number(match[3]),
    }),
  );
  const value = (name: string) => samples.find((sample) => sample.name === name)?.value;
  const outboxPending = value('emporium_outbox_pending_events');
  if (outboxPending === undefined) return undefined;
  const groups = new Map<string, { group: string; deadLetters: number; backlog: number }>();
  for (const sample of samples) {
    if (!sample.group) continue;
    const entry = groups.get(sample.group) ?? { group: sample.group, deadLetters: 0, backlog: 0 };
    if (sample.name === 'emporium_consumer_dead_letters') entry.deadLetters = sample.value;
    else if (sample.name === 'emporium_consumer_backlog') entry.backlog = sample.value;
    else continue;
    groups.set(sample.group, entry);
  }
  return {
    instance,
    outboxPending,
    oldestPendingSeconds: value('emporium_outbox_oldest_pending_seconds') ?? 0,
    groups: [...groups.values()],
  };
}
