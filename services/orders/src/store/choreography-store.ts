import type { EventData, OrderQuoted, RateQuoted } from '@emporium/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { ChoreographyStage, QuotingRefusal } from '../choreography/choreography-stage.ts';
import type { ChoreographedCheckoutsTable, ChoreographyRequest, OrdersDatabase } from './database.ts';

type Db = Kysely<OrdersDatabase>;

export interface ChoreographedCheckout {
  id: string;
  orderId: string;
  stage: ChoreographyStage;
  request: ChoreographyRequest;
  cardTokenDigest: string | null;
  stockReserved: boolean;
  quote: EventData<typeof OrderQuoted> | null;
  rate: EventData<typeof RateQuoted> | null;
  refusals: QuotingRefusal[];
  paymentId: string | null;
  shipmentId: string | null;
  deadlineAt: Date;
  startedAt: Date;
  updatedAt: Date;
}

export interface ChoreographyEventRecord {
  direction: 'received' | 'sent';
  type: string;
  eventId: string;
  note: string | null;
  at: Date;
}

export interface CheckoutChanges {
  stage?: ChoreographyStage;
  cardTokenDigest?: null;
  stockReserved?: boolean;
  quote?: EventData<typeof OrderQuoted>;
  rate?: EventData<typeof RateQuoted>;
  refusals?: QuotingRefusal[];
  paymentId?: string;
  shipmentId?: string;
}

export async function insertChoreographedCheckout(
  trx: Db,
  checkout: {
    id: string;
    request: ChoreographyRequest;
    cardTokenDigest: string;
    deadlineAt: Date;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('choreographed_checkouts')
    .values({
      id: checkout.id,
      order_id: checkout.request.orderId,
      stage: 'quoting',
      request: JSON.stringify(checkout.request),
      card_token_digest: checkout.cardTokenDigest,
      deadline_at: checkout.deadlineAt,
      started_at: checkout.now,
      updated_at: checkout.now,
    })
    .execute();
}

/** The order's choreographed checkout, locked until the transaction ends; none for an orchestrated one. */
export async function lockCheckoutOfOrder(
  trx: Db,
  orderId: string,
): Promise<ChoreographedCheckout | undefined> {
  const row = await trx
    .selectFrom('choreographed_checkouts')
    .selectAll()
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  return row && toCheckout(row);
}

export async function updateChoreographedCheckout(
  trx: Db,
  id: string,
  changes: CheckoutChanges,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('choreographed_checkouts')
    .set({
      ...(changes.stage === undefined ? {} : { stage: changes.stage }),
      ...(changes.cardTokenDigest === undefined ? {} : { card_token_digest: null }),
      ...(changes.stockReserved === undefined ? {} : { stock_reserved: changes.stockReserved }),
      ...(changes.quote === undefined ? {} : { quote: JSON.stringify(changes.quote) }),
      ...(changes.rate === undefined ? {} : { rate: JSON.stringify(changes.rate) }),
      ...(changes.refusals === undefined ? {} : { refusals: JSON.stringify(changes.refusals) }),
      ...(changes.paymentId === undefined ? {} : { payment_id: changes.paymentId }),
      ...(changes.shipmentId === undefined ? {} : { shipment_id: changes.shipmentId }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordChoreographyEvent(
  trx: Db,
  checkoutId: string,
  event: ChoreographyEventRecord,
): Promise<void> {
  await trx
    .insertInto('choreography_events')
    .values({
      checkout_id: checkoutId,
      direction: event.direction,
      type: event.type,
      event_id: event.eventId,
      note: event.note,
      at: event.at,
    })
    .execute();
}

/**
 * Orders of unfinished checkouts past their deadline, locked; rows another instance holds are
 * skipped (it is timing them out, or an event is moving them on).
 */
export async function lockDueCheckouts(trx: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('choreographed_checkouts')
    .select('order_id')
    .where('stage', 'not in', ['completed', 'cancelled'])
    .where('deadline_at', '<=', now)
    .orderBy('deadline_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => row.order_id);
}

export async function findChoreographyWithEvents(
  db: Db,
  id: string,
): Promise<{ checkout: ChoreographedCheckout; events: ChoreographyEventRecord[] } | undefined> {
  const row = await db
    .selectFrom('choreographed_checkouts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const events = await db
    .selectFrom('choreography_events')
    .select(['direction', 'type', 'event_id', 'note', 'at'])
    .where('checkout_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    checkout: toCheckout(row),
    events: events.map((event) => ({
      direction: event.direction,
      type: event.type,
      eventId: event.event_id,
      note: event.note,
      at: event.at,
    })),
  };
}

function toCheckout(row: Selectable<ChoreographedCheckoutsTable>): ChoreographedCheckout {
  return {
    id: row.id,
    orderId: row.order_id,
    stage: row.stage,
    request: row.request,
    cardTokenDigest: row.card_token_digest,
    stockReserved: row.stock_reserved,
    quote: row.quote,
    rate: row.rate,
    refusals: row.refusals,
    paymentId: row.payment_id,
    shipmentId: row.shipment_id,
    deadlineAt: row.deadline_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}
