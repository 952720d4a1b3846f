import { randomUUID } from 'node:crypto';
import { CartEmpty } from '../errors.ts';
import { idempotentCall } from '../idempotent-call.ts';
import type { OrderDeps } from '../orders/order-deps.ts';
import { cartLines, lockCart, writeCartLines } from '../store/carts-store.ts';
import type { ShipTo } from '../store/database.ts';
import { insertOrder } from '../store/orders-store.ts';
import type { CheckoutData } from './checkout-data.ts';
import type { CheckoutDriver } from './checkout-style.ts';

export interface CheckoutRequest {
  shipTo: ShipTo;
  cardToken: string;
  couponCode?: string | undefined;
  currency?: string | undefined;
  carrier?: string | undefined;
  serviceLevel?: string | undefined;
}

export interface PlacedOrder {
  orderId: string;
  sagaId: string;
  status: 'pending';
}

export interface CheckoutSettings {
  defaultCurrency: string;
  defaultServiceLevel: string;
  gramsPerItem: number;
  reservationTtlSeconds: number;
}

export interface PlaceOrderDeps extends OrderDeps {
  checkout: CheckoutDriver;
  settings: CheckoutSettings;
}

/**
 * Turns the user's cart into a pending order and begins its checkout saga, in ONE transaction
 * with the idempotency key and the emptying of the cart: either all of it happens or none.
 * The cart row lock makes two checkouts of one cart (two keys, two tabs) take turns: the
 * second finds the cart empty. The same key again answers the first order (one order).
 * The checkout starts running once the transaction commits.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  userId: string,
  key: string,
  request: CheckoutRequest,
): Promise<{ result: PlacedOrder; replayed: boolean }> {
  const { settings } = deps;
  const outcome = await idempotentCall(
    deps.db,
    { scope: `orders.checkout:${userId}`, key, request },
    async (trx): Promise<PlacedOrder> => {
      const now = deps.clock();
      const cartId = (
        await trx.selectFrom('carts').select('id').where('user_id', '=', userId).executeTakeFirst()
      )?.id;
      const cart = cartId === undefined ? undefined : await lockCart(trx, cartId);
      const lines = cart ? await cartLines(trx, cart.id) : [];
      if (!cart || lines.length === 0) throw CartEmpty('Add something to the cart before checking out');

      const orderId = randomUUID();
      const data: CheckoutData = {
        orderId,
        userId,
        currency: request.currency ?? settings.defaultCurrency,
        lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
        shipTo: request.shipTo,
        cardToken: request.cardToken,
        couponCode: request.couponCode?.trim() || null,
        carrier: request.carrier ?? null,
        serviceLevel: request.serviceLevel ?? settings.defaultServiceLevel,
        weightGrams: lines.reduce((grams, line) => grams + line.quantity * settings.gramsPerItem, 0),
        reservationTtlSeconds: settings.reservationTtlSeconds,
      };
      const sagaId = await deps.checkout.begin(trx, data);
      const order = await insertOrder(
        trx,
        {
          id: orderId,
          userId,
          currency: data.currency,
          couponCode: data.couponCode,
          shipTo: data.shipTo,
          carrier: data.carrier,
          serviceLevel: data.serviceLevel,
          checkoutSagaId: sagaId,
          lines: lines.map(({ sku, name, quantity }) => ({ sku, name, quantity })),
        },
        now,
      );
      await deps.events.placed(trx, order);
      await writeCartLines(trx, cart.id, lines, [], now);
      return { orderId, sagaId, status: 'pending' };
    },
  );
  if (!outcome.replayed) deps.checkout.placed();
  return outcome;
}
