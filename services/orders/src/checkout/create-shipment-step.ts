import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import type { SagaStep } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { postalAddressOf } from '../participants/messages.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { trackedCall } from '../participants/tracked-call.ts';
import { hasCallInDoubt } from '../store/participant-calls-store.ts';
import { actionKey, CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

const STEP = CHECKOUT_STEPS.createShipment;

/** The CreateShipment request of a checkout: the same every time, so a replay repeats it exactly. */
function shipmentRequest(data: CheckoutData, key: string) {
  if (data.carrier === null) throw new Error('no carrier was chosen');
  return {
    idempotencyKey: key,
    orderId: data.orderId,
    carrier: data.carrier,
    serviceLevel: data.serviceLevel,
    shipTo: postalAddressOf(data.shipTo),
    items: data.lines,
    weightGrams: data.weightGrams,
    currency: data.currency,
  };
}

/**
 * Books the parcel with the carrier the quote chose (a label; nothing leaves before the order
 * is confirmed). The compensation cancels it; when the saga never learnt whether booking
 * worked, it repeats the request with the same key to find out, and cancels what it finds.
 */
export function createShipmentStep({ db, participants }: OrderDeps): SagaStep<CheckoutData> {
  const { shipping } = participants;
  return {
    name: STEP,
    async action({ sagaId, data, idempotencyKey, signal }) {
      try {
        const { shipment } = await trackedCall(db, { sagaId, step: STEP }, () =>
          shipping.createShipment(shipmentRequest(data, idempotencyKey), { signal }),
        );
        if (!shipment) throw new Error('shipping answered CreateShipment without a shipment');
        await db
          .updateTable('orders')
          .set({ shipment_id: shipment.id, tracking_number: shipment.trackingNumber || null })
          .where('id', '=', data.orderId)
          .execute();
        return { shipmentId: shipment.id };
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'SHIPPING_REFUSED',
          reason: `the parcel cannot be shipped: ${refusalMessage(error)}`,
        });
      }
    },
    async compensate({ sagaId, data, idempotencyKey, signal }) {
      let shipmentId = data.shipmentId;
      if (shipmentId === undefined && (await hasCallInDoubt(db, sagaId, STEP))) {
        try {
          const replay = await shipping.createShipment(shipmentRequest(data, actionKey(sagaId, STEP)), {
            signal,
          });
          shipmentId = replay.shipment?.id;
        } catch (error) {
          // Refused now, so nothing was booked under this key then either.
          if (!isRefusal(error)) throw error;
        }
      }
      if (shipmentId === undefined) return;
      const { shipment } = await shipping.cancelShipment({ idempotencyKey, shipmentId }, { signal });
      if (shipment && shipment.status !== ShipmentStatus.CANCELLED) {
        throw new Error(`shipment ${shipmentId} is ${ShipmentStatus[shipment.status]} after CancelShipment`);
      }
    },
  };
}
