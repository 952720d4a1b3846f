/**
 * `GET /api/orders/:id` composes the order with its payment and shipment, asked for over
 * gRPC from instances found in the registry. A part whose service does not answer is
 * reported as unavailable, and the page is still served.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaymentService, PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { ShipmentStatus, ShippingService } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { RpcServices, startRpcListener } from '@emporium/platform/rpc';
import { bodyOf, startTestTokenIssuer } from '@emporium/platform/testing';
import { pino } from 'pino';
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

test('the order page joins the payment status and the shipment tracking, asked for over gRPC', async (t) => {
  const registry = await startTestRegistry(t);
  const issuer = await startTestTokenIssuer();
  t.after(() => issuer.close());
  await startEchoService(t, registry, 'orders', (echo) =>
    echo.url === '/orders/order-2'
      ? { id: 'order-2', status: 'confirmed', paymentId: 'payment-2', shipmentId: 'shipment-2' }
      : undefined,
  );
  const payments = new RpcServices();
  payments.serve(PaymentService, {
    getPayment: ({ paymentId }) => ({
      payment: {
        id: paymentId,
        orderId: 'order-2',
        status: PaymentStatus.CAPTURED,
        amount: { amountMinor: 4_999n, currency: 'EUR' },
        cardBrand: 'visa',
        cardLast4: '4242',
      },
    }),
  });
  const shipping = new RpcServices();
  shipping.serve(ShippingService, {
    getShipment: ({ shipmentId }) => ({
      shipment: {
        id: shipmentId,
        trackingNumber: 'EM123456785DE',
        carrier: 'post',
        status: ShipmentStatus.IN_TRANSIT,
        timeline: [{ status: ShipmentStatus.PICKED_UP, description: 'Picked up', location: 'Berlin' }],
      },
    }),
  });
  for (const [service, services] of [
    ['payments', payments],
    ['shipping', shipping],
  ] as const) {
    const listener = await startRpcListener({
      services,
      logger: pino({ level: 'silent' }),
      readMaxBytes: 65_536,
      host: '127.0.0.1',
      port: 0,
    });
    const registration = await registry.register({
      service,
      id: `${service}-rpc`,
      rpcUrl: listener.url,
      httpUrl: listener.url,
      version: '1',
      zone: 'local',
    });
    t.after(async () => {
      await registration.deregister();
      await listener.close(100);
    });
  }
  const gateway = await startTestGateway(t, registry, { IDENTITY_JWKS_URL: issuer.jwksUrl });
  const token = await issuer.token({ roles: ['customer'] });

  const page = await gateway.fetch('/api/orders/order-2', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(page.status, 200);
  const body = await bodyOf<{
    payment: { available: boolean; status: string; amount: unknown; card: unknown };
    shipment: {
      available: boolean;
      status: string;
      trackingNumber: string;
      tracking: Array<{ location: string }>;
    };
  }>(page);
  assert.deepEqual(
    { available: body.payment.available, status: body.payment.status, amount: body.payment.amount },
    { available: true, status: 'captured', amount: { amountMinor: 4999, currency: 'EUR' } },
  );
  assert.deepEqual(body.payment.card, { brand: 'visa', last4: '4242' });
  assert.equal(body.shipment.available, true);
  assert.equal(body.shipment.status, 'in_transit');
  assert.equal(body.shipment.trackingNumber, 'EM123456785DE');
  assert.equal(body.shipment.tracking[0]?.location, 'Berlin');
});
