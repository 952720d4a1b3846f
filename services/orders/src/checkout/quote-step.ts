import type { QuoteResponse } from '@emporium/contracts/proto/pricing/v1/pricing_service';
import type { Rate } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { inTransaction } from '@emporium/platform/db';
import type { SagaStep } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { minorOf, postalAddressOf } from '../participants/messages.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { priceOrderLines, updateOrder } from '../store/orders-store.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

/**
 * Prices the order: the goods from pricing (promotions, the coupon, tax for the destination)
 * and the parcel from shipping's rates (the carrier asked for, or the cheapest of the service
 * level). The totals are written to the order; what the customer pays is the goods' total
 * plus shipping. Reads only, so there is nothing to undo.
 */
export function quoteStep({ db, participants, clock }: OrderDeps): SagaStep<CheckoutData> {
  const { pricing, shipping } = participants;
  return {
    name: CHECKOUT_STEPS.quote,
    async action({ data, signal }) {
      const shipTo = postalAddressOf(data.shipTo);
      let quote: QuoteResponse;
      let rates: Rate[];
      try {
        quote = await pricing.quote(
          { lines: data.lines, currency: data.currency, couponCode: data.couponCode ?? '', shipTo },
          { signal },
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'QUOTE_REFUSED',
          reason: `the order cannot be priced: ${refusalMessage(error)}`,
        });
      }
      try {
        ({ rates } = await shipping.quoteRates(
          { shipTo, weightGrams: data.weightGrams, currency: data.currency },
          { signal },
        ));
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'SHIPPING_REFUSED',
          reason: `the parcel cannot be shipped: ${refusalMessage(error)}`,
        });
      }
      const rate = rates.find(
        (candidate) =>
          candidate.serviceLevel === data.serviceLevel &&
          (data.carrier === null || candidate.carrier === data.carrier),
      );
      if (!rate) {
        return refuseStep(db, data.orderId, {
          code: 'SHIPPING_REFUSED',
          reason: `no carrier${data.carrier ? ` ${data.carrier}` : ''} ships ${data.serviceLevel} to ${data.shipTo.country}`,
        });
      }

      const { currency } = data;
      const shippingMinor = minorOf(rate.price, currency, 'shipping rate');
      const goodsMinor = minorOf(quote.total, currency, 'quote total');
      const prices = data.lines.map(({ sku }) => {
        const line = quote.lines.find((quoted) => quoted.sku === sku);
        if (!line) throw new Error(`the quote has no line for ${sku}`);
        return {
          sku,
          unitPriceMinor: minorOf(line.unitPrice, currency, `unit price of ${sku}`),
          lineTotalMinor: minorOf(line.net, currency, `net of ${sku}`),
        };
      });
      const totalMinor = goodsMinor + shippingMinor;
      await inTransaction(db, async (trx) => {
        await updateOrder(
          trx,
          data.orderId,
          {
            subtotal_minor: minorOf(quote.subtotal, currency, 'subtotal'),
            discount_minor: minorOf(quote.discountTotal, currency, 'discount total'),
            tax_minor: minorOf(quote.taxTotal, currency, 'tax total'),
            shipping_minor: shippingMinor,
            total_minor: totalMinor,
            tax_included: quote.taxIncluded,
            carrier: rate.carrier,
          },
          clock(),
        );
        await priceOrderLines(trx, data.orderId, prices);
      });
      return { carrier: rate.carrier, shippingMinor, totalMinor };
    },
  };
}
