import {
  CouponRedeemed,
  type EventData,
  type EventDefinition,
  InventoryCheckoutRefused,
  OrderQuoted,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentsCheckoutRefused,
  PaymentVoided,
  PricingCheckoutRefused,
  RateQuoted,
  ShipmentCancelled,
  ShipmentCreated,
  ShippingCheckoutRefused,
  StockReleased,
  StockReserved,
} from '@emporium/contracts';
import { type CloudEvent, type EventHandler, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { Cancellation } from '../domain/cancellation-reason.ts';
import {
  type ChoreographedCheckout,
  lockCheckoutOfOrder,
  recordChoreographyEvent,
  updateChoreographedCheckout,
} from '../store/choreography-store.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { updateOrder } from '../store/orders-store.ts';
import {
  abandonAgain,
  afterShipment,
  type ChoreographyDeps,
  cancelCheckout,
  completeCheckout,
  confirmCheckout,
  decideQuoting,
  refuseQuoting,
  requestShipment,
} from './advance-checkout.ts';
import { isFinished } from './choreography-stage.ts';

/** The durable group orders reads the participants' checkout answers in. */
export const CHECKOUT_CHOREOGRAPHY_GROUP = 'orders.checkout-choreography';

/** Our order ids; other contexts' events may carry any string, and anything else is not ours. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Trx = Kysely<OrdersDatabase>;
type Reaction<Definition extends EventDefinition> = (
  trx: Trx,
  checkout: ChoreographedCheckout,
  data: EventData<Definition>,
) => Promise<void>;

/**
 * orders' side of checkout by choreography: what it does with each participant's answer. Only
 * events about an order with a choreographed checkout count (the same events of orchestrated
 * checkouts, cancellations and refunds are ignored); each is logged on the checkout, then acted
 * on under the checkout's row lock in the consumer's transaction, beside its inbox record.
 * An answer the checkout is no longer waiting for changes nothing, except a success that
 * arrives after the checkout was cancelled, which is abandoned again so it is undone.
 */
export function checkoutReactionHandlers(deps: ChoreographyDeps): EventHandler<OrdersDatabase>[] {
  function reacting<Definition extends EventDefinition>(
    definition: Definition,
    summary: (data: EventData<Definition>) => string | null,
    react: Reaction<Definition>,
  ): EventHandler<OrdersDatabase, Definition> {
    return handleEvent<OrdersDatabase, Definition>(
      definition,
      async (trx, event: CloudEvent<EventData<Definition>>) => {
        // Every checkout answer names its order; what a definition does not promise is checked.
        const { orderId } = event.data as { orderId?: unknown };
        if (typeof orderId !== 'string' || !UUID.test(orderId)) return;
        const checkout = await lockCheckoutOfOrder(trx, orderId);
        if (!checkout) return;
        await recordChoreographyEvent(trx, checkout.id, {
          direction: 'received',
          type: event.type,
          eventId: event.id,
          note: summary(event.data),
          at: deps.clock(),
        });
        await react(trx, checkout, event.data);
      },
    );
  }

  /** A participant's refusal cancels a checkout still running. */
  const refusal = (trx: Trx, checkout: ChoreographedCheckout, cancellation: Cancellation) =>
    isFinished(checkout.stage) ? Promise.resolve() : cancelCheckout(trx, deps, checkout, cancellation);

  /** A success for a cancelled checkout is undone; otherwise it counts in `stage` only. */
  const success =
    <Definition extends EventDefinition>(
      what: string,
      stage: ChoreographedCheckout['stage'],
      react: Reaction<Definition>,
    ): Reaction<Definition> =>
    async (trx, checkout, data) => {
      if (checkout.stage === 'cancelled') return abandonAgain(trx, deps, checkout, what);
      if (checkout.stage === stage) await react(trx, checkout, data);
    };

  const now = () => deps.clock();
  const noted = () => null;

  return [
    reacting(
      StockReserved,
      noted,
      success('stock reserved', 'quoting', async (trx, checkout) => {
        await updateChoreographedCheckout(trx, checkout.id, { stockReserved: true }, now());
        await decideQuoting(trx, deps, { ...checkout, stockReserved: true });
      }),
    ),
    reacting(
      OrderQuoted,
      (data) => `goods ${data.totalMinor} ${data.currency}`,
      async (trx, checkout, quote) => {
        if (checkout.stage !== 'quoting') return;
        await updateChoreographedCheckout(trx, checkout.id, { quote }, now());
        await decideQuoting(trx, deps, { ...checkout, quote });
      },
    ),
    reacting(
      RateQuoted,
      (data) => `${data.carrier} ${data.serviceLevel} ${data.priceMinor} ${data.currency}`,
      async (trx, checkout, rate) => {
        if (checkout.stage !== 'quoting') return;
        await updateChoreographedCheckout(trx, checkout.id, { rate }, now());
        await decideQuoting(trx, deps, { ...checkout, rate });
      },
    ),
    reacting(
      PaymentAuthorized,
      (data) => `payment ${data.paymentId}`,
      success('payment authorised', 'authorising', (trx, checkout, data) =>
        requestShipment(trx, deps, checkout, data.paymentId),
      ),
    ),
    reacting(
      PaymentFailed,
      (data) => `${data.failureCode}: ${data.failureMessage}`,
      async (trx, checkout, payment) => {
        if (checkout.stage !== 'authorising') return;
        await updateOrder(trx, checkout.orderId, { payment_id: payment.paymentId }, now());
        await refusal(trx, checkout, { code: 'PAYMENT_DECLINED', reason: declineReason(payment) });
      },
    ),
    reacting(
      ShipmentCreated,
      (data) => `shipment ${data.shipmentId} (${data.trackingNumber})`,
      success('parcel booked', 'shipping', (trx, checkout, data) => afterShipment(trx, deps, checkout, data)),
    ),
    reacting(
      CouponRedeemed,
      (data) => `coupon ${data.couponCode}`,
      success('coupon redeemed', 'redeeming', (trx, checkout) => confirmCheckout(trx, deps, checkout)),
    ),
    reacting(
      PaymentCaptured,
      (data) => `captured ${data.amount.amountMinor} ${data.amount.currency}`,
      success('payment captured', 'capturing', (trx, checkout, data) =>
        completeCheckout(trx, deps, checkout, data.amount.amountMinor),
      ),
    ),

    // Refusals of the first three requests wait for the other answers (see decideQuoting).
    reacting(InventoryCheckoutRefused, refusalNote, (trx, checkout, data) =>
      refuseQuoting(trx, deps, checkout, {
        step: 'reserve',
        cancellation: { code: 'OUT_OF_STOCK', reason: `not enough stock: ${data.reason}` },
      }),
    ),
    reacting(PricingCheckoutRefused, refusalNote, (trx, checkout, data) =>
      data.step === 'quote'
        ? refuseQuoting(trx, deps, checkout, {
            step: 'quote',
            cancellation: { code: 'QUOTE_REFUSED', reason: `the order cannot be priced: ${data.reason}` },
          })
        : refusal(trx, checkout, {
            code: 'COUPON_REFUSED',
            reason: `the coupon cannot be used: ${data.reason}`,
          }),
    ),
    reacting(ShippingCheckoutRefused, refusalNote, (trx, checkout, data) => {
      const cancellation = {
        code: 'SHIPPING_REFUSED',
        reason: `the parcel cannot be shipped: ${data.reason}`,
      } as const;
      return data.step === 'rate'
        ? refuseQuoting(trx, deps, checkout, { step: 'rate', cancellation })
        : refusal(trx, checkout, cancellation);
    }),
    reacting(PaymentsCheckoutRefused, refusalNote, (trx, checkout, data) =>
      refusal(trx, checkout, {
        code: 'PAYMENT_DECLINED',
        reason:
          data.step === 'authorize'
            ? `the payment was refused: ${data.reason}`
            : `the payment could not be captured: ${data.reason}`,
      }),
    ),

    // The participants' compensations, logged so the checkout shows them undone.
    reacting(
      StockReleased,
      (data) => `stock ${data.reason}`,
      async () => {},
    ),
    reacting(
      PaymentVoided,
      (data) => `payment ${data.paymentId} voided`,
      async () => {},
    ),
    reacting(
      PaymentRefunded,
      (data) => `payment ${data.paymentId} refunded`,
      async () => {},
    ),
    reacting(
      ShipmentCancelled,
      (data) => `shipment ${data.shipmentId} cancelled`,
      async () => {},
    ),
  ];
}

function refusalNote(data: { step: string; code: string; reason: string }): string {
  return `${data.step}: ${data.code}: ${data.reason}`;
}

/** As the orchestrated authorise step words a declined payment. */
function declineReason(payment: EventData<typeof PaymentFailed>): string {
  const code = payment.failureCode;
  const fraud = code === 'fraudulent' || code === 'fraud_review_declined';
  const what = fraud ? 'the payment was declined by the fraud checks' : 'the card was declined';
  return `${what}: ${payment.failureMessage || code} (${code})`;
}
