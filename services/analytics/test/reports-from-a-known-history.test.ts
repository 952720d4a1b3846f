/**
 * Reports against a history whose numbers are worked out by hand: events on a real PostgreSQL
 * bus into the fact store, each report checked exactly; a redelivered event counts once; and a
 * rebuild that replays every fact gives the same reports, however often it runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { shopHistory } from './fixtures/shop-history.ts';
import {
  startAnalytics,
  startTestPlatform,
  type TestAnalytics,
  type TestPlatform,
} from './fixtures/start-analytics.ts';

const REPORTS = [
  '/reports/revenue',
  '/reports/orders-by-status',
  '/reports/top-products',
  '/reports/top-categories',
  '/reports/funnel',
  '/reports/sagas',
  '/reports/notifications',
];

describe('reports from a known history', () => {
  let platform: TestPlatform;
  let analytics: TestAnalytics;
  const history = shopHistory();

  before(async () => {
    platform = await startTestPlatform();
    analytics = await startAnalytics(platform);
    await platform.publish(...history.events);
    // The delivered order's confirmation once more (a relay that crashed before marking it sent).
    const again = history.events.find(
      (event) =>
        event.subject === history.orders.delivered.orderId && event.type.endsWith('order.confirmed.v1'),
    );
    assert.ok(again);
    await platform.publish(again);
    await analytics.waitForFacts(history.events.length);
  });
  after(async () => {
    await analytics?.close();
    await platform?.close();
  });

  const allReports = () => Promise.all(REPORTS.map((path) => analytics.get<unknown>(path)));

  it('counts revenue per day and currency from captures and refunds', async () => {
    assert.deepEqual(await analytics.get('/reports/revenue'), {
      days: [
        {
          day: '2026-03-01',
          currency: 'EUR',
          capturedMinor: 14_710 + 2_500,
          refundedMinor: 0,
          netMinor: 17_210,
          captures: 2,
          refunds: 0,
        },
        {
          day: '2026-03-02',
          currency: 'EUR',
          capturedMinor: 0,
          refundedMinor: 2_500,
          netMinor: -2_500,
          captures: 0,
          refunds: 1,
        },
        {
          day: '2026-03-02',
          currency: 'USD',
          capturedMinor: 3_300,
          refundedMinor: 0,
          netMinor: 3_300,
          captures: 1,
          refunds: 0,
        },
      ],
    });
    assert.deepEqual(await analytics.get('/reports/revenue?from=2026-03-02&to=2026-03-02'), {
      days: [
        {
          day: '2026-03-02',
          currency: 'EUR',
          capturedMinor: 0,
          refundedMinor: 2_500,
          netMinor: -2_500,
          captures: 0,
          refunds: 1,
        },
        {
          day: '2026-03-02',
          currency: 'USD',
          capturedMinor: 3_300,
          refundedMinor: 0,
          netMinor: 3_300,
          captures: 1,
          refunds: 0,
        },
      ],
    });
  });

  it('counts orders by status, and sold products and categories (cancelled and refunded orders excluded)', async () => {
    assert.deepEqual(await analytics.get('/reports/orders-by-status'), {
      statuses: [
        { status: 'cancelled', orders: 2 },
        { status: 'confirmed', orders: 1 },
        { status: 'delivered', orders: 1 },
        { status: 'pending', orders: 1 },
        { status: 'refunded', orders: 1 },
      ],
    });
    assert.deepEqual(await analytics.get('/reports/top-products'), {
      products: [
        {
          sku: 'LAMP-2',
          name: 'Floor lamp',
          category: 'lighting',
          units: 3,
          orders: 1,
          revenue: [{ currency: 'USD', amountMinor: 3_000 }],
        },
        {
          sku: 'LAMP-1',
          name: 'Desk lamp',
          category: 'lighting',
          units: 2,
          orders: 1,
          revenue: [{ currency: 'EUR', amountMinor: 4_000 }],
        },
        {
          sku: 'AUDIO-1',
          name: 'Headphones',
          category: 'audio',
          units: 1,
          orders: 1,
          revenue: [{ currency: 'EUR', amountMinor: 10_000 }],
        },
      ],
    });
    assert.deepEqual(await analytics.get('/reports/top-products?limit=1'), {
      products: [
        {
          sku: 'LAMP-2',
          name: 'Floor lamp',
          category: 'lighting',
          units: 3,
          orders: 1,
          revenue: [{ currency: 'USD', amountMinor: 3_000 }],
        },
      ],
    });
    assert.deepEqual(await analytics.get('/reports/top-categories'), {
      categories: [
        { category: 'lighting', units: 5, orders: 2 },
        { category: 'audio', units: 1, orders: 1 },
      ],
    });
  });

  it('shows the conversion funnel and how the checkout sagas ended', async () => {
    assert.deepEqual(await analytics.get('/reports/funnel'), {
      stages: [
        { stage: 'cart', orders: 8, fromPrevious: null, fromCheckout: null },
        { stage: 'checkout', orders: 6, fromPrevious: 0.75, fromCheckout: 1 },
        { stage: 'confirmed', orders: 3, fromPrevious: 0.5, fromCheckout: 0.5 },
        { stage: 'paid', orders: 3, fromPrevious: 1, fromCheckout: 0.5 },
        { stage: 'delivered', orders: 1, fromPrevious: 0.3333, fromCheckout: 0.1667 },
      ],
    });
    assert.deepEqual(await analytics.get('/reports/sagas'), {
      checkouts: 6,
      completed: 3,
      compensated: 2,
      inProgress: 1,
      compensationReasons: [
        { reasonCode: 'OUT_OF_STOCK', orders: 1 },
        { reasonCode: 'PAYMENT_DECLINED', orders: 1 },
      ],
      cancelledAfterConfirmation: 0,
      paymentFailures: [{ failureCode: 'card_declined', count: 1 }],
    });
  });

  it('rates notification deliveries per channel and kind (opt-outs are not failures)', async () => {
    assert.deepEqual(await analytics.get('/reports/notifications'), {
      deliveries: [
        { channel: 'email', kind: 'order-confirmed', sent: 2, failed: 0, skipped: 1, deliveryRate: 1 },
        { channel: 'email', kind: 'welcome', sent: 0, failed: 1, skipped: 0, deliveryRate: 0 },
        { channel: 'sms', kind: 'order-confirmed', sent: 1, failed: 0, skipped: 0, deliveryRate: 1 },
      ],
    });
  });

  it('gives the same reports after a rebuild from the facts, however often', async () => {
    const before = await allReports();
    const rebuilt = await analytics.post<{ facts: number }>('/admin/rebuild');
    assert.equal(rebuilt.facts, history.events.length);
    assert.deepEqual(await allReports(), before);
    await analytics.post('/admin/rebuild');
    assert.deepEqual(await allReports(), before);
  });

  it('keeps the facts append-only', async () => {
    await assert.rejects(
      sql`update facts set type = 'forged'`.execute(analytics.db),
      /facts are append-only: UPDATE refused/,
    );
    await assert.rejects(
      sql`delete from facts`.execute(analytics.db),
      /facts are append-only: DELETE refused/,
    );
    const page = await analytics.get<{ facts: Array<{ type: string }>; total: number }>(
      '/admin/facts?type=emporium.catalog.product.created.v1',
    );
    assert.equal(page.total, 3);
    assert.equal(page.facts.length, 3);
  });
});
