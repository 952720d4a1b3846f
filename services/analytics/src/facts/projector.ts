import {
  type EventData,
  type EventDefinition,
  NotificationFailed,
  NotificationSent,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  ProductCreated,
  ProductUpdated,
  ShipmentException,
} from '@emporium/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Kysely } from 'kysely';
import type { AnalyticsDatabase, OrderSummariesTable } from '../store/database.ts';

type Db = Kysely<AnalyticsDatabase>;

/** A fact as the projector reads it, whether it just arrived or is replayed from the store. */
export interface Fact {
  type: string;
  data: unknown;
}

interface Projection {
  type: string;
  project(db: Db, data: unknown): Promise<void>;
}

/** A projection of one event type; data read back from the store is checked against its schema again. */
function on<Definition extends EventDefinition>(
  definition: Definition,
  project: (db: Db, data: EventData<Definition>) => Promise<void>,
): Projection {
  const check = TypeCompiler.Compile(definition.schema);
  return {
    type: definition.type,
    async project(db, data) {
      if (!check.Check(data)) throw new Error(`a stored ${definition.type} fact does not match its schema`);
      await project(db, data);
    },
  };
}

/**
 * How each kind of fact changes the projections. Each step is an upsert or an increment, so
 * facts of different contexts may come in any order (a capture before its order.placed); the
 * facts of one order come in order, so its status is the last order fact's. Replaying every
 * fact in `seq` order through these same steps rebuilds the projections exactly.
 */
const PROJECTIONS: readonly Projection[] = [
  on(ProductCreated, (db, data) => saveProduct(db, data)),
  on(ProductUpdated, (db, data) => saveProduct(db, data)),
  on(OrderPlaced, async (db, data) => {
    await saveOrder(db, data.orderId, {
      user_id: data.userId,
      status: 'pending',
      currency: data.currency,
      placed_at: new Date(data.placedAt),
    });
  }),
  on(OrderConfirmed, async (db, data) => {
    await saveOrder(db, data.orderId, {
      user_id: data.userId,
      status: 'confirmed',
      currency: data.total.currency,
      total_minor: data.total.amountMinor,
      confirmed_at: new Date(data.confirmedAt),
    });
    await db
      .insertInto('order_lines')
      .values(
        data.lines.map((line) => ({
          order_id: data.orderId,
          sku: line.sku,
          quantity: line.quantity,
          line_total_minor: line.lineTotal.amountMinor,
          currency: line.lineTotal.currency,
        })),
      )
      .onConflict((conflict) => conflict.columns(['order_id', 'sku']).doNothing())
      .execute();
  }),
  on(OrderCancelled, (db, data) =>
    saveOrder(db, data.orderId, {
      user_id: data.userId,
      status: 'cancelled',
      cancelled_at: new Date(data.cancelledAt),
      cancel_reason_code: data.reasonCode,
    }),
  ),
  on(OrderShipped, (db, data) => saveOrder(db, data.orderId, { user_id: data.userId, status: 'shipped' })),
  on(OrderDelivered, (db, data) =>
    saveOrder(db, data.orderId, {
      user_id: data.userId,
      status: 'delivered',
      delivered_at: new Date(data.deliveredAt),
    }),
  ),
  on(OrderRefunded, (db, data) => saveOrder(db, data.orderId, { user_id: data.userId, status: 'refunded' })),
  on(PaymentCaptured, async (db, data) => {
    await saveOrder(db, data.orderId, { paid_at: new Date(data.capturedAt) });
    await addRevenue(db, data.capturedAt, data.amount.currency, { captured: data.amount.amountMinor });
  }),
  on(PaymentRefunded, (db, data) =>
    addRevenue(db, data.refundedAt, data.amount.currency, { refunded: data.amount.amountMinor }),
  ),
  on(PaymentFailed, (db, data) => countOutcome(db, 'payment-failure', data.failureCode, '')),
  on(ShipmentException, (db, data) => countOutcome(db, 'shipment-exception', data.carrier, '')),
  on(NotificationSent, (db, data) =>
    countOutcome(db, 'notification', `${data.channel}:${data.kind}`, 'sent'),
  ),
  on(NotificationFailed, (db, data) =>
    countOutcome(db, 'notification', `${data.channel}:${data.kind}`, data.outcome),
  ),
];

const BY_TYPE = new Map(PROJECTIONS.map((projection) => [projection.type, projection]));

/** The event types that change a projection; every other fact is kept but projects nothing. */
export const PROJECTED_TYPES: readonly string[] = [...BY_TYPE.keys()];

export async function projectFact(db: Db, fact: Fact): Promise<void> {
  await BY_TYPE.get(fact.type)?.project(db, fact.data);
}

async function saveProduct(db: Db, data: { sku: string; name: string; categorySlug: string }) {
  const values = { name: data.name, category_slug: data.categorySlug };
  await db
    .insertInto('products')
    .values({ sku: data.sku, ...values })
    .onConflict((conflict) => conflict.column('sku').doUpdateSet(values))
    .execute();
}

type OrderChange = Partial<Omit<OrderSummariesTable, 'order_id' | 'total_minor'>> & { total_minor?: number };

/** Sets the given columns of an order's summary, making the row if this is its first fact. */
async function saveOrder(db: Db, orderId: string, change: OrderChange) {
  await db
    .insertInto('order_summaries')
    .values({ order_id: orderId, ...change })
    .onConflict((conflict) => conflict.column('order_id').doUpdateSet(change))
    .execute();
}

async function addRevenue(
  db: Db,
  at: string,
  currency: string,
  amount: { captured?: number; refunded?: number },
) {
  const day = at.slice(0, 10);
  const captured = amount.captured ?? 0;
  const refunded = amount.refunded ?? 0;
  const captures = amount.captured === undefined ? 0 : 1;
  const refunds = amount.refunded === undefined ? 0 : 1;
  await db
    .insertInto('revenue_days')
    .values({ day, currency, captured_minor: captured, refunded_minor: refunded, captures, refunds })
    .onConflict((conflict) =>
      conflict.columns(['day', 'currency']).doUpdateSet((eb) => ({
        captured_minor: eb('revenue_days.captured_minor', '+', captured),
        refunded_minor: eb('revenue_days.refunded_minor', '+', refunded),
        captures: eb('revenue_days.captures', '+', captures),
        refunds: eb('revenue_days.refunds', '+', refunds),
      })),
    )
    .execute();
}

async function countOutcome(db: Db, measure: string, key: string, detail: string) {
  await db
    .insertInto('outcome_counts')
    .values({ measure, key, detail, count: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['measure', 'key', 'detail'])
        .doUpdateSet((eb) => ({ count: eb('outcome_counts.count', '+', 1) })),
    )
    .execute();
}
