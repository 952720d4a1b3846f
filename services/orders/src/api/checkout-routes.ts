import type { HttpServer } from '@emporium/platform/http';
import { IdempotencyKeyMissing, idempotencyKeyOf } from '@emporium/platform/idempotency';
import { principalOf } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type PlaceOrderDeps, placeOrder } from '../checkout/place-order.ts';
import { CUSTOMER } from './common-schemas.ts';
import { CheckoutAccepted, CheckoutBody } from './order-schemas.ts';

/**
 * POST /checkout: the logged-in user's cart becomes a pending order, and its checkout saga
 * runs in the background; the client follows the order (GET /orders/:id) until it is
 * confirmed or cancelled. The Idempotency-Key is required: a retried submission answers the
 * same order, so a double click or a lost response never orders twice.
 */
export function checkoutRoutes(
  app: HttpServer,
  { deps, requireUser }: { deps: PlaceOrderDeps; requireUser: (request: FastifyRequest) => Promise<void> },
): void {
  app.post(
    '/checkout',
    {
      onRequest: requireUser,
      schema: {
        tags: ['checkout'],
        ...CUSTOMER,
        summary: 'Order the cart: 202 with the pending order and its saga (the same again for the same key)',
        headers: Type.Object({
          // Checked by idempotencyKeyOf, so a missing key is IDEMPOTENCY_KEY_MISSING, not a schema error.
          'idempotency-key': Type.Optional(Type.String({ description: 'Required: one order per key' })),
        }),
        body: CheckoutBody,
        response: { 202: CheckoutAccepted },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request, { required: true });
      if (key === undefined) throw IdempotencyKeyMissing();
      const outcome = await placeOrder(deps, principalOf(request).userId, key, request.body);
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      reply.code(202).header('location', `/orders/${outcome.result.orderId}`);
      return outcome.result;
    },
  );
}
