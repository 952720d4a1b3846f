/**
 * The invariants that must hold after any run of the platform, whatever failed (see
 * ARCHITECTURE.md, Sagas), judged from facts the services' admin APIs give. Pure: the
 * gathering is in gather-facts.ts, the printing in check-command.ts.
 */

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface OrderFact {
  id: string;
  status: string;
  currency: string;
  total: Money | null;
  captured: Money | null;
  refunded: Money | null;
  checkoutSagaId: string;
}

export interface SagaFact {
  id: string;
  status: 'running' | 'compensating' | 'completed' | 'compensated' | 'parked';
  deadlineAt: string;
  failure: string | null;
}

export interface StockFact {
  sku: string;
  onHand: number;
  reserved: number;
  received: number;
  counted: number;
  committed: number;
  heldByReservations: number;
  committedByReservations: number;
}

export interface PaymentFact {
  id: string;
  orderId: string;
  status: string;
  captured: Money;
  refunded: Money;
}

export interface EventFact {
  /** The instance, as `status` names it. */
  instance: string;
  outboxPending: number;
  oldestPendingSeconds: number;
  groups: Array<{ group: string; deadLetters: number; backlog: number }>;
}

export interface PlatformFacts {
  now: Date;
  orders: OrderFact[];
  /** The checkout sagas of orders still in checkout, by id. */
  sagas: Map<string, SagaFact>;
  stock: StockFact[];
  /** Order ids of reservations that still hold stock. */
  heldReservations: string[];
  payments: PaymentFact[];
  /** Payments the ledger shows captured more than once. */
  capturedTwice: string[];
  events: EventFact[];
}

export interface InvariantResult {
  name: string;
  /** What was checked, in one line: "42 orders", "120 SKUs". */
  scope: string;
  violations: string[];
  /** A violation that may clear by itself (work in flight): worth waiting for. */
  transient: boolean;
}

const IN_CHECKOUT = new Set(['pending', 'awaiting_payment']);
/** Orders whose payment must stand captured, in full. */
const PAID = new Set(['confirmed', 'shipped', 'delivered']);

export function checkInvariants(facts: PlatformFacts): InvariantResult[] {
  return [
    ordersEnd(facts),
    stockConserved(facts),
    moneyMatches(facts),
    noDoubleCapture(facts),
    noReservationForCancelledOrders(facts),
    eventsDelivered(facts),
  ];
}

function ordersEnd({ orders, sagas, now }: PlatformFacts): InvariantResult {
  const violations: string[] = [];
  let inFlight = 0;
  for (const order of orders) {
    if (!IN_CHECKOUT.has(order.status)) continue;
    const saga = sagas.get(order.checkoutSagaId);
    if (!saga) {
      violations.push(
        `order ${order.id} is ${order.status} and its checkout saga ${order.checkoutSagaId} is unknown`,
      );
    } else if (saga.status !== 'running' && saga.status !== 'compensating') {
      violations.push(
        `order ${order.id} is ${order.status} but its checkout saga ended ${saga.status}${saga.failure ? ` (${saga.failure})` : ''}`,
      );
    } else if (new Date(saga.deadlineAt) < now) {
      violations.push(
        `order ${order.id} is ${order.status} and its checkout saga is past its deadline ${saga.deadlineAt}`,
      );
    } else {
      inFlight++;
    }
  }
  return {
    name: 'every order is final or in a live checkout',
    scope: `${orders.length} orders${inFlight ? `, ${inFlight} in checkout` : ''}`,
    violations,
    transient: false,
  };
}

function stockConserved({ stock }: PlatformFacts): InvariantResult {
  const violations: string[] = [];
  for (const row of stock) {
    if (row.received + row.counted !== row.onHand + row.committed) {
      violations.push(
        `${row.sku}: received ${row.received} + counted ${row.counted} ≠ on hand ${row.onHand} + committed ${row.committed}`,
      );
    }
    if (row.reserved !== row.heldByReservations) {
      violations.push(`${row.sku}: reserved ${row.reserved} but reservations hold ${row.heldByReservations}`);
    }
    if (row.committed !== row.committedByReservations) {
      violations.push(
        `${row.sku}: the ledger committed ${row.committed} but committed reservations took ${row.committedByReservations}`,
      );
    }
  }
  return { name: 'stock is conserved per SKU', scope: `${stock.length} SKUs`, violations, transient: false };
}

function moneyMatches({ orders, payments }: PlatformFacts): InvariantResult {
  const violations: string[] = [];
  const netByOrder = new Map<string, Money>();
  for (const payment of payments) {
    const net = payment.captured.amountMinor - payment.refunded.amountMinor;
    const sum = netByOrder.get(payment.orderId);
    netByOrder.set(payment.orderId, {
      amountMinor: (sum?.amountMinor ?? 0) + net,
      currency: payment.captured.currency,
    });
  }
  const known = new Set(orders.map((order) => order.id));
  const totals = new Map<string, { captured: number; expected: number }>();
  for (const order of orders) {
    if (IN_CHECKOUT.has(order.status)) continue;
    const net = netByOrder.get(order.id)?.amountMinor ?? 0;
    const expected = PAID.has(order.status)
      ? (order.total?.amountMinor ?? 0)
      : order.status === 'refunded'
        ? (order.total?.amountMinor ?? 0) - (order.refunded?.amountMinor ?? 0)
        : 0;
    if (net !== expected) {
      violations.push(`order ${order.id} (${order.status}): payments hold ${net} net, ${expected} expected`);
    }
    const { currency } = order;
    const sum = totals.get(currency) ?? { captured: 0, expected: 0 };
    totals.set(currency, { captured: sum.captured + net, expected: sum.expected + expected });
  }
  for (const [orderId, net] of netByOrder) {
    if (!known.has(orderId) && net.amountMinor !== 0) {
      violations.push(
        `payments hold ${net.amountMinor} ${net.currency} for order ${orderId}, which orders does not know`,
      );
    }
  }
  const scope = [...totals]
    .map(([currency, sum]) => `${formatMinor(sum.captured)} ${currency} captured net`)
    .join(', ');
  return {
    name: 'captured money = confirmed orders’ totals − refunds',
    scope: scope || 'no settled orders',
    violations,
    transient: false,
  };
}

function noDoubleCapture({ payments, capturedTwice }: PlatformFacts): InvariantResult {
  const violations = capturedTwice.map((id) => `payment ${id} has more than one capture`);
  const capturedPerOrder = new Map<string, number>();
  for (const payment of payments) {
    if (payment.captured.amountMinor > 0) {
      capturedPerOrder.set(payment.orderId, (capturedPerOrder.get(payment.orderId) ?? 0) + 1);
    }
  }
  for (const [orderId, count] of capturedPerOrder) {
    if (count > 1) violations.push(`order ${orderId} has ${count} captured payments`);
  }
  return {
    name: 'no payment is captured twice',
    scope: `${payments.length} payments`,
    violations,
    transient: false,
  };
}

function noReservationForCancelledOrders({ orders, heldReservations }: PlatformFacts): InvariantResult {
  const statusOf = new Map(orders.map((order) => [order.id, order.status]));
  const violations = heldReservations
    .filter((orderId) => statusOf.get(orderId) === 'cancelled')
    .map((orderId) => `order ${orderId} is cancelled but its reservation still holds stock`);
  return {
    name: 'no reservation is left for a cancelled order',
    scope: `${heldReservations.length} reservations holding stock`,
    violations,
    transient: false,
  };
}

function eventsDelivered({ events }: PlatformFacts): InvariantResult {
  const violations: string[] = [];
  let pending = false;
  for (const instance of events) {
    if (instance.outboxPending > 0) {
      pending = true;
      violations.push(
        `${instance.instance}: ${instance.outboxPending} events not yet on the bus (oldest ${Math.round(instance.oldestPendingSeconds)} s)`,
      );
    }
    for (const group of instance.groups) {
      if (group.backlog > 0) {
        pending = true;
        violations.push(
          `${instance.instance}: group ${group.group} has ${group.backlog} deliveries to finish`,
        );
      }
      if (group.deadLetters > 0) {
        violations.push(
          `${instance.instance}: group ${group.group} has ${group.deadLetters} dead letters (emporium dlq list)`,
        );
      }
    }
  }
  const groups = events.reduce((sum, instance) => sum + instance.groups.length, 0);
  return {
    name: 'every outbox event reached each subscribed group',
    scope: `${events.length} outboxes, ${groups} consumer groups`,
    violations,
    transient: pending,
  };
}

function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
