import type { SagaDefinition } from '@emporium/platform/saga';
import type { OrderDeps } from '../orders/order-deps.ts';
import { authorisePaymentStep } from './authorise-payment-step.ts';
import { capturePaymentStep } from './capture-payment-step.ts';
import type { CheckoutData } from './checkout-data.ts';
import { confirmOrderStep } from './confirm-order-step.ts';
import { createOrderStep } from './create-order-step.ts';
import { createShipmentStep } from './create-shipment-step.ts';
import { quoteStep } from './quote-step.ts';
import { redeemCouponStep } from './redeem-coupon-step.ts';
import { reserveStockStep } from './reserve-stock-step.ts';

export const CHECKOUT_SAGA = 'checkout';

/**
 * Checkout by orchestration: create order -> reserve stock -> quote -> authorise payment ->
 * create shipment -> redeem coupon -> confirm order -> capture payment. A step that fails
 * for good makes the engine undo every started step in reverse: cancel the shipment, void (or
 * refund) the payment, release the stock, and last cancel the order with the reason.
 */
export function checkoutSaga(deps: OrderDeps, timeoutMs: number): SagaDefinition<CheckoutData> {
  return {
    name: CHECKOUT_SAGA,
    timeoutMs,
    steps: [
      createOrderStep(deps),
      reserveStockStep(deps),
      quoteStep(deps),
      authorisePaymentStep(deps),
      createShipmentStep(deps),
      redeemCouponStep(deps),
      confirmOrderStep(deps),
      capturePaymentStep(deps),
    ],
  };
}
