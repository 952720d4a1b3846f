import {
  CheckoutAbandoned,
  CouponRedemptionRequested,
  PaymentCaptureRequested,
  PaymentRequested,
  ShipmentRequested,
} from '@emporium/contracts';
import type { Kysely } from 'kysely';
import type { Cancellation } from '../domain/cancellation-reason.ts';
import type { OrderEvents } from '../events/order-events.ts';
import { moveOrderTo } from '../orders/move-order.ts';
import { type ChoreographedCheckout, updateChoreographedCheckout } from '../store/choreography-store.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { lockOrder, priceOrderLines, updateOrder } from '../store/orders-store.ts';
import type { CheckoutMessages } from './checkout-messages.ts';
import { type QuotingRefusal, quotingOutcome } from './choreography-stage.ts';

type Trx = Kysely<OrdersDatabase>;

/** What the checkout's moves work with; built once in module.ts. */
export interface ChoreographyDeps {
  db: Kysely<OrdersDatabase>;
  events: OrderEvents;
  messages: CheckoutMessages;
  clock: () => Date;
}

/**
 * The moves of a choreographed checkout, each in the caller's transaction with the checkout
 * row locked (the consumer's, beside its inbox record, or the timeout job's), each publishing
 * what comes next through the outbox. They mirror the orchestrated steps in src/checkout/:
 * the same order updates, history notes, cancellation codes and reasons.
 */

/**
 * Once inventory, pricing and shipping have all answered (in whichever order they came): the
 * refusal the orchestrated saga would have met first (reservation, then quote, then rate)
 * cancels the order; with none, the totals are written to the order (goods' total plus
 * shipping), it moves to awaiting payment, and payments is asked to authorise the total with
 * the card token (named by its digest).
 */
export async function decideQuoting(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
): Promise<void> {
  const { quote, rate, request } = checkout;
  if (checkout.stage !== 'quoting') return;
  const outcome = quotingOutcome({
    reserved: checkout.stockReserved,
    quoted: quote !== null,
    rated: rate !== null,
    refusals: checkout.refusals,
  });
  if (!outcome.decided) return;
  if (outcome.refusal) return cancelCheckout(trx, deps, checkout, outcome.refusal.cancellation);
  if (!quote || !rate) throw new Error(`checkout ${checkout.id} was decided without a quote and a rate`);
  const now = deps.clock();
  const problem = quoteProblem(request, quote, rate);
  if (problem !== undefined) {
    return cancelCheckout(trx, deps, checkout, {
      code: 'CHECKOUT_FAILED',
      reason: `checkout could not finish: ${problem}`,
    });
  }
  if (checkout.cardTokenDigest === null) throw new Error(`checkout ${checkout.id} has no card token left`);

  const totalMinor = quote.totalMinor + rate.priceMinor;
  await updateOrder(
    trx,
    checkout.orderId,
    {
      subtotal_minor: quote.subtotalMinor,
      discount_minor: quote.discountTotalMinor,
      tax_minor: quote.taxTotalMinor,
      shipping_minor: rate.priceMinor,
      total_minor: totalMinor,
      tax_included: quote.taxIncluded,
      carrier: rate.carrier,
    },
    now,
  );
  await priceOrderLines(
    trx,
    checkout.orderId,
    quote.lines.map((line) => ({
      sku: line.sku,
      unitPriceMinor: line.unitPriceMinor,
      lineTotalMinor: line.netMinor,
    })),
  );
  await moveOrderTo(trx, deps.events, checkout.orderId, 'awaiting_payment', {
    now,
    note: 'stock reserved and order priced; authorising the payment',
  });
  await updateChoreographedCheckout(trx, checkout.id, { stage: 'authorising' }, now);
  await deps.messages.send(trx, checkout.id, PaymentRequested, {
    orderId: checkout.orderId,
    userId: request.userId,
    cardTokenDigest: checkout.cardTokenDigest,
    amount: { amountMinor: totalMinor, currency: request.currency },
    billingCountry: request.shipTo.country,
    shippingCountry: request.shipTo.country,
    requestedAt: now.toISOString(),
  });
}

/** A refusal of the reservation, quote or rate: kept until the other two have answered too. */
export async function refuseQuoting(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  refusal: QuotingRefusal,
): Promise<void> {
  if (checkout.stage !== 'quoting') return;
  const refusals = [...checkout.refusals, refusal];
  await updateChoreographedCheckout(trx, checkout.id, { refusals }, deps.clock());
  await decideQuoting(trx, deps, { ...checkout, refusals });
}

/** What makes the answers unusable together (the orchestrated quote step throws on these too). */
function quoteProblem(
  request: ChoreographedCheckout['request'],
  quote: NonNullable<ChoreographedCheckout['quote']>,
  rate: NonNullable<ChoreographedCheckout['rate']>,
): string | undefined {
  if (quote.currency !== request.currency)
    return `pricing quoted in ${quote.currency}, not ${request.currency}`;
  if (rate.currency !== request.currency)
    return `shipping rated in ${rate.currency}, not ${request.currency}`;
  const unquoted = request.lines.find(({ sku }) => !quote.lines.some((line) => line.sku === sku));
  return unquoted && `the quote has no line for ${unquoted.sku}`;
}

/** The payment is authorised (and the token spent): shipping books the parcel with the rated carrier. */
export async function requestShipment(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  paymentId: string,
): Promise<void> {
  const { request, rate } = checkout;
  if (!rate) throw new Error(`checkout ${checkout.id} is authorised without a rate`);
  const now = deps.clock();
  await updateOrder(trx, checkout.orderId, { payment_id: paymentId }, now);
  await updateChoreographedCheckout(
    trx,
    checkout.id,
    { stage: 'shipping', paymentId, cardTokenDigest: null },
    now,
  );
  await deps.messages.send(trx, checkout.id, ShipmentRequested, {
    orderId: checkout.orderId,
    carrier: rate.carrier,
    serviceLevel: request.serviceLevel,
    shipTo: request.shipTo,
    items: request.lines,
    weightGrams: request.weightGrams,
    currency: request.currency,
    requestedAt: now.toISOString(),
  });
}

/** The parcel is booked: the coupon is redeemed next, or (without one) the order confirmed. */
export async function afterShipment(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  shipment: { shipmentId: string; trackingNumber: string },
): Promise<void> {
  const now = deps.clock();
  await updateOrder(
    trx,
    checkout.orderId,
    { shipment_id: shipment.shipmentId, tracking_number: shipment.trackingNumber || null },
    now,
  );
  await updateChoreographedCheckout(trx, checkout.id, { shipmentId: shipment.shipmentId }, now);
  const { couponCode } = checkout.request;
  if (couponCode === null) return confirmCheckout(trx, deps, checkout);
  await updateChoreographedCheckout(trx, checkout.id, { stage: 'redeeming' }, now);
  await deps.messages.send(trx, checkout.id, CouponRedemptionRequested, {
    orderId: checkout.orderId,
    couponCode,
    requestedAt: now.toISOString(),
  });
}

/** Every refusable step passed: the order is confirmed (order.confirmed) and payments asked to capture. */
export async function confirmCheckout(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
): Promise<void> {
  const now = deps.clock();
  const { order } = await moveOrderTo(trx, deps.events, checkout.orderId, 'confirmed', {
    now,
    note: 'stock reserved, payment authorised, shipment booked',
  });
  if (order.paymentId === null || order.totalMinor === null) {
    throw new Error(`order ${order.id} is confirmed without a payment or a total`);
  }
  await updateChoreographedCheckout(trx, checkout.id, { stage: 'capturing' }, now);
  await deps.messages.send(trx, checkout.id, PaymentCaptureRequested, {
    orderId: checkout.orderId,
    paymentId: order.paymentId,
    amount: { amountMinor: order.totalMinor, currency: order.currency },
    requestedAt: now.toISOString(),
  });
}

/** The payment is captured: the checkout is done. */
export async function completeCheckout(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  capturedMinor: number,
): Promise<void> {
  const now = deps.clock();
  await updateOrder(trx, checkout.orderId, { captured_minor: capturedMinor }, now);
  await updateChoreographedCheckout(trx, checkout.id, { stage: 'completed' }, now);
}

/**
 * A participant refused, or the checkout ran out of time: the order is cancelled with the
 * reason (order.cancelled), unless it already is (then its own reason stands), and
 * orders.checkout.abandoned makes every participant undo what it did for the order.
 */
export async function cancelCheckout(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  cancellation: Cancellation,
): Promise<void> {
  const now = deps.clock();
  const order = await lockOrder(trx, checkout.orderId);
  if (!order) throw new Error(`there is no order ${checkout.orderId}`);
  let { code, reason }: { code: string; reason: string } = cancellation;
  if (order.status === 'cancelled') {
    code = order.cancelCode ?? code;
    reason = order.cancelReason ?? reason;
  } else if (
    order.status === 'pending' ||
    order.status === 'awaiting_payment' ||
    order.status === 'confirmed'
  ) {
    await moveOrderTo(trx, deps.events, checkout.orderId, 'cancelled', {
      now,
      note: reason,
      changes: { cancel_code: code, cancel_reason: reason },
    });
  }
  await updateChoreographedCheckout(trx, checkout.id, { stage: 'cancelled', cardTokenDigest: null }, now);
  await deps.messages.send(
    trx,
    checkout.id,
    CheckoutAbandoned,
    { orderId: checkout.orderId, reasonCode: code, reason, abandonedAt: now.toISOString() },
    reason,
  );
}

/**
 * A participant did something for an order whose checkout was already cancelled (its answer
 * crossed the abandonment on the bus): abandoned again, so it undoes that too.
 */
export async function abandonAgain(
  trx: Trx,
  deps: ChoreographyDeps,
  checkout: ChoreographedCheckout,
  what: string,
): Promise<void> {
  const order = await lockOrder(trx, checkout.orderId);
  const now = deps.clock();
  await deps.messages.send(
    trx,
    checkout.id,
    CheckoutAbandoned,
    {
      orderId: checkout.orderId,
      reasonCode: order?.cancelCode ?? 'CHECKOUT_FAILED',
      reason: order?.cancelReason ?? 'the checkout was cancelled',
      abandonedAt: now.toISOString(),
    },
    `${what} after the checkout was cancelled: undo it`,
  );
}
