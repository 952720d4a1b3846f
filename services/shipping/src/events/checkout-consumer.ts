import type { Address } from '@emporium/contracts';
import {
  CheckoutAbandoned,
  CheckoutRequested,
  RateQuoted,
  ShipmentRequested,
  ShippingCheckoutRefused,
} from '@emporium/contracts';
import { HttpErrors, ProblemError } from '@emporium/platform/http';
import { type EventHandler, type EventPublisher, handleEvent } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { isSupportedCurrency } from '../domain/currency-conversion.ts';
import { MAX_WEIGHT_GRAMS, MIN_WEIGHT_GRAMS, quoteRates } from '../domain/rate-card.ts';
import { countryProblem, shipToProblem } from '../domain/ship-to-rules.ts';
import type { ShipTo } from '../domain/shipment.ts';
import { NoRate, UnsupportedCurrency } from '../errors.ts';
import { bookShipment } from '../shipments/book-shipment.ts';
import { cancelShipment } from '../shipments/cancel-shipment.ts';
import type { ShipmentDeps } from '../shipments/shipment-deps.ts';
import type { ShippingDatabase } from '../store/database.ts';
import { lockOrderShipments, lockShipmentsOfOrder } from '../store/order-shipments-store.ts';
import { loadRateCard } from '../store/rate-card-store.ts';

/** The durable consumer group of shipping's part in checkout by choreography. */
export const CHECKOUT_GROUP = 'shipping.checkout';

type Step = 'rate' | 'create-shipment';

/** The platform's address as shipping's labels hold it. */
function shipToOf(address: Address): ShipTo {
  return {
    recipient: address.name,
    lines: address.line2 ? [address.line1, address.line2] : [address.line1],
    city: address.city,
    postalCode: address.postalCode,
    region: address.region ?? '',
    country: address.country,
  };
}

/**
 * Shipping's part in a choreographed checkout; the order id is the business key.
 * orders.checkout.requested chooses the carrier as the orchestrated quote does (the one asked
 * for, else the cheapest of the service level) and prices the parcel: shipping.rate.quoted, or
 * shipping.checkout.refused (step rate). orders.shipment.requested books the parcel once per
 * order (shipment.created; an order with a live shipment gets no second), or refuses (step
 * create-shipment). orders.checkout.abandoned cancels the order's parcels still at the
 * warehouse (shipment.cancelled).
 */
export function checkoutHandlers(
  deps: ShipmentDeps,
  publisher: EventPublisher,
): EventHandler<ShippingDatabase>[] {
  async function refusing(
    trx: Kysely<ShippingDatabase>,
    orderId: string,
    step: Step,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      // Refusals are thrown before anything is written.
      if (!(error instanceof ProblemError)) throw error;
      await publisher.publish(trx, ShippingCheckoutRefused, {
        subject: orderId,
        data: {
          orderId,
          step,
          code: error.code,
          reason: error.message,
          refusedAt: deps.clock().toISOString(),
        },
      });
    }
  }

  return [
    handleEvent<ShippingDatabase, typeof CheckoutRequested>(CheckoutRequested, async (trx, event) => {
      const { orderId, shipTo, weightGrams, currency, serviceLevel, carrier } = event.data;
      await refusing(trx, orderId, 'rate', async () => {
        const country = countryProblem(shipTo.country);
        if (country) throw HttpErrors.ValidationFailed(`shipTo.country: ${country}`);
        if (!isSupportedCurrency(currency))
          throw UnsupportedCurrency(`currency: ${currency} is not supported`);
        if (weightGrams < MIN_WEIGHT_GRAMS || weightGrams > MAX_WEIGHT_GRAMS) {
          throw HttpErrors.ValidationFailed(
            `weightGrams: a parcel weighs ${MIN_WEIGHT_GRAMS} to ${MAX_WEIGHT_GRAMS} grams, got ${weightGrams}`,
          );
        }
        const rates = quoteRates(await loadRateCard(trx), { country: shipTo.country, weightGrams, currency });
        // Cheapest first, as the orchestrated quote step reads them.
        const rate = rates.find(
          (candidate) =>
            candidate.serviceLevel === serviceLevel && (carrier === null || candidate.carrier === carrier),
        );
        if (!rate) {
          throw NoRate(
            `no carrier${carrier ? ` ${carrier}` : ''} ships ${serviceLevel} to ${shipTo.country}`,
          );
        }
        await publisher.publish(trx, RateQuoted, {
          subject: orderId,
          data: {
            orderId,
            carrier: rate.carrier,
            serviceLevel: rate.serviceLevel,
            priceMinor: rate.priceMinor,
            currency: rate.currency,
            quotedAt: deps.clock().toISOString(),
          },
        });
      });
    }),

    handleEvent<ShippingDatabase, typeof ShipmentRequested>(ShipmentRequested, async (trx, event) => {
      const { orderId } = event.data;
      await lockOrderShipments(trx, orderId);
      const live = (await lockShipmentsOfOrder(trx, orderId)).filter(
        (shipment) => shipment.status !== 'cancelled',
      );
      if (live.length > 0) return;
      await refusing(trx, orderId, 'create-shipment', async () => {
        const shipTo = shipToOf(event.data.shipTo);
        const problem = shipToProblem(shipTo, 'shipTo');
        if (problem) throw HttpErrors.ValidationFailed(problem);
        // Publishes shipment.created in this transaction.
        await bookShipment(trx, deps, {
          orderId,
          carrier: event.data.carrier,
          serviceLevel: event.data.serviceLevel,
          shipTo,
          items: event.data.items,
          weightGrams: event.data.weightGrams,
          currency: event.data.currency,
        });
      });
    }),

    handleEvent<ShippingDatabase, typeof CheckoutAbandoned>(CheckoutAbandoned, async (trx, event) => {
      const { orderId } = event.data;
      await lockOrderShipments(trx, orderId);
      for (const shipment of await lockShipmentsOfOrder(trx, orderId)) {
        // A parcel already picked up is refused: retried, then dead-lettered for an operator.
        if (shipment.status !== 'cancelled') await cancelShipment(trx, deps, shipment.id);
      }
    }),
  ];
}
