import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bodyOf, jsonClient, problemOf } from '@emporium/platform/testing';
import type {
  AdminStockPage,
  AdminStockView,
  ReservationView,
  StockView,
} from './fixtures/inventory-views.ts';
import { startInventory, stockUp, type TestInventory, totalsOf } from './fixtures/start-inventory.ts';

describe('stock over REST', () => {
  let inventory: TestInventory;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  before(async () => {
    inventory = await startInventory();
    api = jsonClient(inventory.service.url);
    admin = { token: await inventory.tokens.token(['customer', 'admin']) };
    await stockUp(inventory.db, 'REST-LAMP-0001', { ams: 4, fra: 6 });
    await stockUp(inventory.db, 'REST-LAMP-0002', { lyo: 3 });
    await stockUp(inventory.db, 'REST-LAMP-0003', {});
    await stockUp(inventory.db, 'REST-SOFA-0001', { ams: 40 });
  });
  after(() => inventory?.close());

  describe('public reads', () => {
    it("answers one SKU's availability, and 404 for an unknown one", async () => {
      assert.deepEqual(await bodyOf<StockView>(await api('GET', '/stock/REST-LAMP-0001')), {
        sku: 'REST-LAMP-0001',
        available: 10,
        status: 'in_stock',
      });
      const missing = await api('GET', '/stock/NO-SUCH-0001');
      assert.equal(missing.status, 404);
      assert.equal((await problemOf(missing)).code, 'SKU_NOT_FOUND');
    });

    it('answers several SKUs in the order asked, unknown ones as 0 and listed', async () => {
      const response = await api(
        'GET',
        '/stock?skus=REST-LAMP-0002,NO-SUCH-0001,REST-LAMP-0003,REST-LAMP-0002',
      );
      assert.deepEqual(await bodyOf(response), {
        items: [
          { sku: 'REST-LAMP-0002', available: 3, status: 'low_stock' },
          { sku: 'NO-SUCH-0001', available: 0, status: 'out_of_stock' },
          { sku: 'REST-LAMP-0003', available: 0, status: 'out_of_stock' },
        ],
        unknownSkus: ['NO-SUCH-0001'],
      });
    });
  });

  describe('who may use the admin routes', () => {
    const routes: [string, string, object?][] = [
      ['GET', '/admin/stock'],
      ['GET', '/admin/stock/REST-LAMP-0001'],
      ['PUT', '/admin/stock/REST-LAMP-0001/ams', { onHand: 1 }],
      ['POST', '/admin/stock/REST-LAMP-0001/ams/restock', { quantity: 1 }],
      ['GET', '/admin/reservations/some-order'],
      ['GET', '/admin/warehouses'],
      ['GET', '/admin/dead-letters'],
    ];

    it('refuses callers without a token (401), customers (403) and expired tokens (401)', async () => {
      const customer = await inventory.tokens.token(['customer']);
      const expired = await inventory.tokens.token(['admin'], -60);
      for (const [method, path, body] of routes) {
        const anonymous = await api(method, path, body);
        assert.equal(anonymous.status, 401, `${method} ${path}`);
        assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
        const forbidden = await api(method, path, body, { token: customer });
        assert.equal(forbidden.status, 403, `${method} ${path}`);
        assert.equal((await problemOf(forbidden)).code, 'FORBIDDEN');
        assert.equal(
          (await problemOf(await api(method, path, body, { token: expired }))).code,
          'TOKEN_EXPIRED',
        );
      }
      assert.deepEqual(await totalsOf(inventory.db, 'REST-LAMP-0001'), {
        onHand: 10,
        reserved: 0,
        available: 10,
      });
    });
  });

  describe('admin', () => {
    it('lists SKUs with every warehouse, a page at a time, with filters', async () => {
      const first = await bodyOf<AdminStockPage>(
        await api('GET', '/admin/stock?skuPrefix=REST-&limit=2', undefined, admin),
      );
      assert.deepEqual(
        first.items.map((item) => item.sku),
        ['REST-LAMP-0001', 'REST-LAMP-0002'],
      );
      assert.deepEqual(first.items[0], {
        sku: 'REST-LAMP-0001',
        onHand: 10,
        reserved: 0,
        available: 10,
        status: 'in_stock',
        warehouses: [
          { warehouse: 'ams', onHand: 4, reserved: 0, available: 4 },
          { warehouse: 'fra', onHand: 6, reserved: 0, available: 6 },
          { warehouse: 'lyo', onHand: 0, reserved: 0, available: 0 },
        ],
      });
      assert.ok(first.nextCursor);
      const second = await bodyOf<AdminStockPage>(
        await api('GET', `/admin/stock?skuPrefix=REST-&limit=2&cursor=${first.nextCursor}`, undefined, admin),
      );
      assert.deepEqual(
        second.items.map((item) => item.sku),
        ['REST-LAMP-0003', 'REST-SOFA-0001'],
      );
      assert.equal(second.nextCursor, null);

      const low = await bodyOf<AdminStockPage>(
        await api('GET', '/admin/stock?skuPrefix=REST-&lowOnly=true', undefined, admin),
      );
      assert.deepEqual(
        low.items.map((item) => [item.sku, item.status]),
        [
          ['REST-LAMP-0002', 'low_stock'],
          ['REST-LAMP-0003', 'out_of_stock'],
        ],
      );

      const mismatched = await api(
        'GET',
        `/admin/stock?lowOnly=true&cursor=${first.nextCursor}`,
        undefined,
        admin,
      );
      assert.equal(mismatched.status, 400);
      assert.match((await problemOf(mismatched)).detail, /made for other filters/);
      const junk = await api('GET', '/admin/stock?cursor=not-a-cursor', undefined, admin);
      assert.equal((await problemOf(junk)).code, 'INVALID_CURSOR');
    });

    it('sets a level by count, not below what is reserved there', async () => {
      const set = await api('PUT', '/admin/stock/REST-SOFA-0001/fra', { onHand: 12 }, admin);
      assert.equal(set.status, 200);
      const view = await bodyOf<AdminStockView>(set);
      assert.equal(view.onHand, 52);
      assert.deepEqual(view.warehouses[1], { warehouse: 'fra', onHand: 12, reserved: 0, available: 12 });

      const orderId = randomUUID();
      await inventory.grpc.reserve({ orderId, lines: [{ sku: 'REST-SOFA-0001', quantity: 39 }] });
      const below = await api('PUT', '/admin/stock/REST-SOFA-0001/ams', { onHand: 38 }, admin);
      assert.equal(below.status, 409);
      const problem = await problemOf(below);
      assert.equal(problem.code, 'ON_HAND_BELOW_RESERVED');
      assert.match(problem.detail, /REST-SOFA-0001 has 39 reserved in ams/);
      assert.equal((await totalsOf(inventory.db, 'REST-SOFA-0001')).onHand, 52);

      const reservation = await bodyOf<ReservationView>(
        await api('GET', `/admin/reservations/${orderId}`, undefined, admin),
      );
      assert.equal(reservation.status, 'reserved');
      assert.deepEqual(reservation.allocations, [{ sku: 'REST-SOFA-0001', warehouse: 'ams', quantity: 39 }]);
      await inventory.grpc.release({ orderId });
      const released = await bodyOf<ReservationView>(
        await api('GET', `/admin/reservations/${orderId}`, undefined, admin),
      );
      assert.equal(released.status, 'released');
      const none = await api('GET', `/admin/reservations/${randomUUID()}`, undefined, admin);
      assert.equal((await problemOf(none)).code, 'RESERVATION_NOT_FOUND');
    });

    it('restocks once per Idempotency-Key, and refuses the key with another request', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const restock = (quantity: number, headers: Record<string, string> = key) =>
        api('POST', '/admin/stock/REST-LAMP-0003/lyo/restock', { quantity }, { ...admin, headers });

      const first = await restock(5);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const firstView = await bodyOf<AdminStockView>(first);
      assert.equal(firstView.onHand, 5);

      const replay = await restock(5);
      assert.equal(replay.status, 200);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await bodyOf(replay), firstView);
      assert.equal((await totalsOf(inventory.db, 'REST-LAMP-0003')).onHand, 5, 'counted once');

      const reused = await restock(6);
      assert.equal(reused.status, 422);
      assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');
      const elsewhere = await api(
        'POST',
        '/admin/stock/REST-LAMP-0003/ams/restock',
        { quantity: 5 },
        { ...admin, headers: key },
      );
      assert.equal(elsewhere.status, 422, 'the same key for another warehouse is another request');
      assert.equal((await totalsOf(inventory.db, 'REST-LAMP-0003')).onHand, 5, 'state untouched');

      const missing = await restock(1, {});
      assert.equal(missing.status, 400);
      assert.equal((await problemOf(missing)).code, 'IDEMPOTENCY_KEY_MISSING');
      const invalid = await restock(1, { 'idempotency-key': 'has spaces in it' });
      assert.equal((await problemOf(invalid)).code, 'IDEMPOTENCY_KEY_INVALID');
    });

    it('answers 404 for unknown SKUs and warehouses, changing nothing', async () => {
      const cases: [string, string, object, string][] = [
        ['PUT', '/admin/stock/NO-SUCH-0001/ams', { onHand: 1 }, 'SKU_NOT_FOUND'],
        ['PUT', '/admin/stock/REST-LAMP-0001/osl', { onHand: 1 }, 'WAREHOUSE_NOT_FOUND'],
        ['POST', '/admin/stock/NO-SUCH-0001/ams/restock', { quantity: 1 }, 'SKU_NOT_FOUND'],
        ['POST', '/admin/stock/REST-LAMP-0001/osl/restock', { quantity: 1 }, 'WAREHOUSE_NOT_FOUND'],
      ];
      for (const [method, path, body, code] of cases) {
        const response = await api(method, path, body, {
          ...admin,
          headers: { 'idempotency-key': randomUUID() },
        });
        assert.equal(response.status, 404, path);
        assert.equal((await problemOf(response)).code, code);
      }
      assert.equal(
        (await problemOf(await api('GET', '/admin/stock/NO-SUCH-0001', undefined, admin))).code,
        'SKU_NOT_FOUND',
      );
      assert.deepEqual(await totalsOf(inventory.db, 'REST-LAMP-0001'), {
        onHand: 10,
        reserved: 0,
        available: 10,
      });
    });

    it('refuses a restock beyond the largest level kept', async () => {
      await api('PUT', '/admin/stock/REST-LAMP-0002/lyo', { onHand: 100_000_000 }, admin);
      const over = await api(
        'POST',
        '/admin/stock/REST-LAMP-0002/lyo/restock',
        { quantity: 1 },
        {
          ...admin,
          headers: { 'idempotency-key': randomUUID() },
        },
      );
      assert.equal(over.status, 422);
      assert.equal((await problemOf(over)).code, 'STOCK_LIMIT_EXCEEDED');
    });

    it('lists the warehouses with their totals', async () => {
      const { warehouses } = await bodyOf<{ warehouses: { code: string; name: string; country: string }[] }>(
        await api('GET', '/admin/warehouses', undefined, admin),
      );
      assert.deepEqual(
        warehouses.map(({ code, name, country }) => ({ code, name, country })),
        [
          { code: 'ams', name: 'Amsterdam', country: 'NL' },
          { code: 'fra', name: 'Frankfurt', country: 'DE' },
          { code: 'lyo', name: 'Lyon', country: 'FR' },
        ],
      );
    });
  });
});
