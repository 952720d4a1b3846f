/**
 * Pricing's part in checkout by choreography, on a real PostgreSQL event bus: a checkout
 * request is quoted exactly as Quote would (pricing.order.quoted) or refused; a redemption
 * request counts the coupon's use once per order (pricing.coupon.redeemed) or is refused.
 * A redelivered event publishes and counts nothing more.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CheckoutRequested,
  CouponRedeemed,
  CouponRedemptionRequested,
  type EventData,
  OrderQuoted,
  PricingCheckoutRefused,
} from '@emporium/contracts';
import { createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { type BusProbe, startBusProbe, waitUntilHandled } from '@emporium/platform/messaging/testing';
import {
  bodyOf,
  createTestDatabase,
  jsonClient,
  type TestDatabase,
  type TestService,
} from '@emporium/platform/testing';
import { CHECKOUT_GROUP } from '../src/events/checkout-consumer.ts';
import type { PricingDatabase } from '../src/store/database.ts';
import { dataOf, eventsAbout } from './fixtures/outbox-events.ts';
import type { QuoteView } from './fixtures/quote-view.ts';
import { startPricing } from './fixtures/start-pricing.ts';

function checkoutRequested(
  orderId: string,
  lines: { sku: string; quantity: number }[],
  couponCode: string | null,
) {
  return {
    orderId,
    userId: randomUUID(),
    lines,
    currency: 'EUR',
    shipTo: { name: 'Ada', line1: 'Rue 1', city: 'Lyon', postalCode: '69001', country: 'FR' },
    couponCode,
    carrier: null,
    serviceLevel: 'standard',
    weightGrams: 1000,
    reservationTtlSeconds: 3600,
    requestedAt: new Date().toISOString(),
  } satisfies EventData<typeof CheckoutRequested>;
}

const redemption = (orderId: string, couponCode: string) =>
  ({ orderId, couponCode, requestedAt: new Date().toISOString() }) satisfies EventData<
    typeof CouponRedemptionRequested
  >;

describe('pricing in a choreographed checkout', () => {
  let bus: TestDatabase | undefined;
  let transport: EventTransport | undefined;
  let pricing: TestService<PricingDatabase> | undefined;
  let probe: BusProbe | undefined;

  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url, pollingIntervalSeconds: 0.5 });
    probe = await startBusProbe(transport, {
      group: 'pricing-test.orders',
      listensTo: [OrderQuoted, CouponRedeemed, PricingCheckoutRefused],
    });
    pricing = await startPricing({ dependencies: { eventTransport: transport } });
  });
  after(async () => {
    await pricing?.close();
    await probe?.close();
    await transport?.close();
    await bus?.drop();
  });

  const handled = (...eventIds: string[]) => {
    assert.ok(pricing);
    return waitUntilHandled(pricing.database.db, CHECKOUT_GROUP, eventIds);
  };
  const redemptionsOf = async (orderId: string) => {
    assert.ok(pricing);
    return pricing.database.db
      .selectFrom('coupon_redemptions')
      .select('order_id')
      .where('order_id', '=', orderId)
      .execute();
  };
  const usesOf = async (couponCode: string) => {
    assert.ok(pricing);
    const row = await pricing.database.db
      .selectFrom('promotions')
      .select('used_count')
      .where('coupon_code', '=', couponCode)
      .executeTakeFirstOrThrow();
    return row.used_count;
  };

  it('quotes a checkout as POST /quotes does, once however often it is delivered', async () => {
    assert.ok(probe && pricing);
    const orderId = randomUUID();
    const lines = [{ sku: 'GARD-TOOL-0001', quantity: 2 }];
    const request = await probe.publish(
      'orders',
      CheckoutRequested,
      orderId,
      checkoutRequested(orderId, lines, 'welcome10'),
    );
    const quoted = dataOf(OrderQuoted, await probe.next(OrderQuoted, orderId));

    const expected = await bodyOf<QuoteView>(
      await jsonClient(pricing.url)('POST', '/quotes', {
        lines,
        currency: 'EUR',
        couponCode: 'WELCOME10',
        shipTo: { country: 'FR' },
      }),
    );
    assert.equal(quoted.totalMinor, expected.totalMinor);
    assert.equal(quoted.subtotalMinor, expected.subtotalMinor);
    assert.equal(quoted.discountTotalMinor, expected.discountTotalMinor);
    assert.ok(quoted.discountTotalMinor < 0, 'the coupon took something off');
    assert.equal(quoted.taxTotalMinor, expected.taxTotalMinor);
    assert.deepEqual(
      quoted.lines.map((line) => [line.sku, line.quantity, line.netMinor]),
      expected.lines.map((line) => [line.sku, line.quantity, line.netMinor]),
    );

    await probe.redeliver(request);
    await handled(request.id);
    assert.deepEqual(
      (await eventsAbout(pricing.database.db, orderId)).map((event) => event.type),
      [OrderQuoted.type],
    );
    assert.equal((await redemptionsOf(orderId)).length, 0, 'a quote counts no use of the coupon');
  });

  it('refuses to quote what it cannot price', async () => {
    assert.ok(probe);
    const orderId = randomUUID();
    await probe.publish(
      'orders',
      CheckoutRequested,
      orderId,
      checkoutRequested(orderId, [{ sku: 'NO-SUCH-SKU-1', quantity: 1 }], null),
    );
    const refused = dataOf(PricingCheckoutRefused, await probe.next(PricingCheckoutRefused, orderId));
    assert.equal(refused.step, 'quote');
    assert.equal(refused.code, 'UNKNOWN_SKU');
    assert.match(refused.reason, /NO-SUCH-SKU-1/);
  });

  it("counts a coupon's use once per order however often it is asked", async () => {
    assert.ok(probe && pricing);
    const orderId = randomUUID();
    const before = await usesOf('WELCOME10');
    const request = await probe.publish(
      'orders',
      CouponRedemptionRequested,
      orderId,
      redemption(orderId, 'welcome10'),
    );
    const redeemed = dataOf(CouponRedeemed, await probe.next(CouponRedeemed, orderId));
    assert.equal(redeemed.couponCode, 'WELCOME10');

    await probe.redeliver(request);
    const again = await probe.publish(
      'orders',
      CouponRedemptionRequested,
      orderId,
      redemption(orderId, 'WELCOME10'),
    );
    await handled(request.id, again.id);
    assert.equal(await usesOf('WELCOME10'), before + 1);
    assert.equal((await redemptionsOf(orderId)).length, 1);
  });

  it('refuses to redeem a used-up coupon, counting nothing', async () => {
    assert.ok(probe && pricing);
    const orderId = randomUUID();
    const before = await usesOf('LAUNCH100');
    await probe.publish('orders', CouponRedemptionRequested, orderId, redemption(orderId, 'LAUNCH100'));
    const refused = dataOf(PricingCheckoutRefused, await probe.next(PricingCheckoutRefused, orderId));
    assert.equal(refused.step, 'redeem-coupon');
    assert.equal(refused.code, 'COUPON_USED_UP');
    assert.equal(await usesOf('LAUNCH100'), before);
  });
});
