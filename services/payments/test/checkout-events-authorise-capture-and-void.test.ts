/**
 * Payments' part in checkout by choreography, on a real PostgreSQL event bus: a payment
 * request authorises the order's total once per order (payment.authorized or payment.failed),
 * or is refused when the card token cannot be used; a capture request captures it once; an
 * abandoned checkout voids the hold. Redelivered and repeated events move no money twice.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CheckoutAbandoned,
  type EventData,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentCaptureRequested,
  PaymentFailed,
  PaymentRequested,
  PaymentsCheckoutRefused,
  PaymentVoided,
} from '@emporium/contracts';
import { type CloudEvent, createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { type BusProbe, startBusProbe, waitUntilHandled } from '@emporium/platform/messaging/testing';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing';
import { CHECKOUT_GROUP } from '../src/events/checkout-consumer.ts';
import { CARDS, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { dataOf, outboxEvents } from './fixtures/outbox-events.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

const TOTAL = { amountMinor: 5_250, currency: 'EUR' };

const paymentRequested = (orderId: string, cardToken: string) =>
  ({
    orderId,
    userId: randomUUID(),
    // As orders names it: the token's digest, never the token.
    cardTokenDigest: createHash('sha256').update(cardToken).digest('hex'),
    amount: TOTAL,
    billingCountry: 'DE',
    shippingCountry: 'DE',
    requestedAt: new Date().toISOString(),
  }) satisfies EventData<typeof PaymentRequested>;

describe('payments in a choreographed checkout', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let payments: PaymentsUnderTest | undefined;
  let probe: BusProbe | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    probe = await startBusProbe(transport, {
      group: 'payments-test.orders',
      listensTo: [PaymentAuthorized, PaymentFailed, PaymentCaptured, PaymentVoided, PaymentsCheckoutRefused],
    });
    payments = await startPayments({}, { eventTransport: transport });
  });
  after(async () => {
    await payments?.close();
    await probe?.close();
    await transport?.close();
    await bus?.drop();
  });

  const handled = (...events: CloudEvent[]) => {
    assert.ok(payments);
    return waitUntilHandled(
      payments.service.database.db,
      CHECKOUT_GROUP,
      events.map((event) => event.id),
    );
  };
  const paymentsOf = (orderId: string) => {
    assert.ok(payments);
    return payments.service.database.db
      .selectFrom('payments')
      .select(['id', 'status', 'captured_minor'])
      .where('order_id', '=', orderId)
      .execute();
  };
  /** The types of payments' outbox events about the order, oldest first. */
  const publishedFor = async (orderId: string) => {
    assert.ok(payments);
    return (await outboxEvents(payments.service.database.db))
      .filter((event) => (event.data as { orderId?: string }).orderId === orderId)
      .map((event) => event.type);
  };
  const newToken = async (number: string = uniqueCardNumber()) => {
    assert.ok(payments);
    return (await tokenise(payments.api, number)).token;
  };

  it('authorises an order once and captures it once, however often asked', async () => {
    assert.ok(probe);
    const orderId = randomUUID();
    const request = await probe.publish(
      'orders',
      PaymentRequested,
      orderId,
      paymentRequested(orderId, await newToken()),
    );
    const authorized = dataOf(PaymentAuthorized, await probe.next(PaymentAuthorized, orderId));
    assert.deepEqual(authorized.amount, TOTAL);

    // The same event again, and another request (another token) for the order: no second payment.
    await probe.redeliver(request);
    const again = await probe.publish(
      'orders',
      PaymentRequested,
      orderId,
      paymentRequested(orderId, await newToken()),
    );
    await handled(request, again);
    assert.equal((await paymentsOf(orderId)).length, 1);

    const captureData = {
      orderId,
      paymentId: authorized.paymentId,
      amount: TOTAL,
      requestedAt: new Date().toISOString(),
    };
    const capture = await probe.publish('orders', PaymentCaptureRequested, orderId, captureData);
    const captured = dataOf(PaymentCaptured, await probe.next(PaymentCaptured, orderId));
    assert.deepEqual(captured.amount, TOTAL);
    await probe.redeliver(capture);
    const captureAgain = await probe.publish('orders', PaymentCaptureRequested, orderId, captureData);
    await handled(capture, captureAgain);

    const [payment] = await paymentsOf(orderId);
    assert.equal(payment?.status, 'captured');
    assert.equal(Number(payment?.captured_minor), TOTAL.amountMinor);
    assert.deepEqual(await publishedFor(orderId), [PaymentAuthorized.type, PaymentCaptured.type]);
  });

  it('answers a declined card with payment.failed and an unusable token with a refusal', async () => {
    assert.ok(probe);
    const declinedOrder = randomUUID();
    await probe.publish(
      'orders',
      PaymentRequested,
      declinedOrder,
      paymentRequested(declinedOrder, await newToken(CARDS.declined)),
    );
    const failed = dataOf(PaymentFailed, await probe.next(PaymentFailed, declinedOrder));
    assert.equal(failed.failureCode, 'card_declined');

    // The token was used by the declined attempt: a new order cannot pay with it.
    const tokenOrder = randomUUID();
    const usedToken = await newToken();
    const first = randomUUID();
    await probe.publish('orders', PaymentRequested, first, paymentRequested(first, usedToken));
    await probe.next(PaymentAuthorized, first);
    await probe.publish('orders', PaymentRequested, tokenOrder, paymentRequested(tokenOrder, usedToken));
    const refused = dataOf(PaymentsCheckoutRefused, await probe.next(PaymentsCheckoutRefused, tokenOrder));
    assert.equal(refused.step, 'authorize');
    assert.equal(refused.code, 'CARD_TOKEN_USED');
    assert.deepEqual(await paymentsOf(tokenOrder), []);

    // A digest of no token payments issued.
    const unknownOrder = randomUUID();
    await probe.publish(
      'orders',
      PaymentRequested,
      unknownOrder,
      paymentRequested(unknownOrder, `tok_${randomUUID()}`),
    );
    const unknown = dataOf(PaymentsCheckoutRefused, await probe.next(PaymentsCheckoutRefused, unknownOrder));
    assert.equal(unknown.code, 'CARD_TOKEN_NOT_FOUND');
  });

  it('voids the hold of an abandoned checkout once', async () => {
    assert.ok(probe);
    const orderId = randomUUID();
    await probe.publish('orders', PaymentRequested, orderId, paymentRequested(orderId, await newToken()));
    await probe.next(PaymentAuthorized, orderId);

    const abandonedData = {
      orderId,
      reasonCode: 'SHIPPING_REFUSED',
      reason: 'the parcel cannot be shipped',
      abandonedAt: new Date().toISOString(),
    };
    const abandon = await probe.publish('orders', CheckoutAbandoned, orderId, abandonedData);
    const voided = dataOf(PaymentVoided, await probe.next(PaymentVoided, orderId));
    assert.deepEqual(voided.amount, TOTAL);
    await probe.redeliver(abandon);
    const abandonAgain = await probe.publish('orders', CheckoutAbandoned, orderId, abandonedData);
    await handled(abandon, abandonAgain);
    assert.deepEqual(
      (await paymentsOf(orderId)).map((payment) => payment.status),
      ['voided'],
    );
    assert.deepEqual(await publishedFor(orderId), [PaymentAuthorized.type, PaymentVoided.type]);
  });
});
