import type { SagaStep } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import { CHECKOUT_STEPS, type CheckoutData } from './checkout-data.ts';
import { refuseStep } from './refuse-step.ts';

/**
 * Counts the coupon's use for this order (pricing keys it by order id, so a repeat counts
 * once). Last before confirmation, because pricing offers no way to give a use back: a use
 * is only spent once every refusable step has passed. A coupon used up meanwhile (by another
 * order racing for its last use) is a refusal, and the order is cancelled.
 */
export function redeemCouponStep({ db, participants }: OrderDeps): SagaStep<CheckoutData> {
  return {
    name: CHECKOUT_STEPS.redeemCoupon,
    async action({ data, signal }) {
      if (data.couponCode === null) return;
      try {
        await participants.pricing.redeemCoupon(
          { couponCode: data.couponCode, orderId: data.orderId },
          { signal },
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return refuseStep(db, data.orderId, {
          code: 'COUPON_REFUSED',
          reason: `the coupon cannot be used: ${refusalMessage(error)}`,
        });
      }
    },
  };
}
