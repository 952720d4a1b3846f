/**
 * `GET /api/orders/:id` composes the order with its payment and shipment. A part whose
 * service does not answer is reported as unavailable, and the page is still served; the
 * order service's own refusal (not found, not yours) is the page's answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyOf, startTestTokenIssuer } from '@emporium/platform/testing';
import { startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('the order page reports a part that does not answer as unavailable, not as a failure', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  const orders = await startEchoService(t, registry, 'orders', (echo) =>
    echo.url === '/orders/order-1'
      ? { id: 'order-1', status: 'confirmed', paymentId: 'payment-1', shipmentId: null }
      : undefined,
  );
  const gateway = await startTestGateway(t, registry, {
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    COMPOSITION_PART_TIMEOUT_MS: '500',
  });
  const token = await issuer.token({ roles: ['customer'], subject: 'user-7' });

  const page = await gateway.fetch('/api/orders/order-1', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(page.status, 200);
  const body = await bodyOf<{
    id: string;
    payment: { available: boolean; reason?: string } | null;
    shipment: unknown;
  }>(page);
  assert.equal(body.id, 'order-1');
  assert.equal(body.payment?.available, false, 'payments has no instance: its part is unavailable');
  assert.match(body.payment?.reason ?? '', /payment status is unavailable/);
  assert.equal(body.shipment, null, 'no shipment yet');
  assert.equal(orders.received.at(-1)?.headers['x-emporium-user-id'], 'user-7');

  const noToken = await gateway.fetch('/api/orders/order-1');
  assert.equal(noToken.status, 401, 'the page is the signed-in user’s');
});
