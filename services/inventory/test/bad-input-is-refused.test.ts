import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Code } from '@connectrpc/connect';
import { InventoryService } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { jsonClient, problemOf } from '@emporium/platform/testing';
import { rpcErrorOf } from './fixtures/rpc-errors.ts';
import {
  outboxEvents,
  startInventory,
  stockRows,
  stockUp,
  type TestInventory,
} from './fixtures/start-inventory.ts';

const SKU = 'BAD-LAMP-0001';

describe('bad input', () => {
  let inventory: TestInventory;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };
  let stockBefore: Awaited<ReturnType<typeof stockRows>>;

  /** Nothing a refused call sent may have changed the stock, the reservations or the outbox. */
  async function assertUntouched() {
    assert.deepEqual(await stockRows(inventory.db, SKU), stockBefore);
    const reservations = await inventory.db.selectFrom('reservations').select('id').execute();
    assert.equal(reservations.length, 0);
    assert.equal((await outboxEvents(inventory.db)).length, 0);
  }

  before(async () => {
    inventory = await startInventory();
    api = jsonClient(inventory.service.url);
    admin = { token: await inventory.tokens.token(['admin']) };
    await stockUp(inventory.db, SKU, { ams: 5, fra: 5 });
    stockBefore = await stockRows(inventory.db, SKU);
  });
  after(() => inventory?.close());

  it('refuses malformed Reserve requests with INVALID_ARGUMENT naming the field', async () => {
    const line = { sku: SKU, quantity: 1 };
    const cases: [string, Parameters<typeof inventory.grpc.reserve>[0], RegExp][] = [
      ['no order id', { orderId: '', lines: [line] }, /^order_id: give the order/],
      [
        'order id with a space',
        { orderId: 'order 1', lines: [line] },
        /^order_id: "order 1" is not an order id/,
      ],
      ['order id too long', { orderId: 'o'.repeat(129), lines: [line] }, /^order_id: /],
      ['order id with a NUL', { orderId: 'a\u0000b', lines: [line] }, /^order_id: /],
      ['no lines', { orderId: randomUUID(), lines: [] }, /^lines: give at least one line/],
      [
        'zero quantity',
        { orderId: randomUUID(), lines: [{ sku: SKU, quantity: 0 }] },
        /^lines\[0\]\.quantity: must be 1 to 10000, got 0/,
      ],
      [
        'negative quantity',
        { orderId: randomUUID(), lines: [{ sku: SKU, quantity: -5 }] },
        /^lines\[0\]\.quantity: .*got -5/,
      ],
      [
        'huge quantity',
        { orderId: randomUUID(), lines: [{ sku: SKU, quantity: 2 ** 31 - 1 }] },
        /^lines\[0\]\.quantity/,
      ],
      [
        'lowercase SKU',
        { orderId: randomUUID(), lines: [{ sku: 'bad-lamp', quantity: 1 }] },
        /^lines\[0\]\.sku: "bad-lamp" is not a SKU/,
      ],
      [
        'SQL as a SKU',
        { orderId: randomUUID(), lines: [{ sku: "'; drop table stock; --", quantity: 1 }] },
        /^lines\[0\]\.sku: /,
      ],
      [
        'empty SKU',
        { orderId: randomUUID(), lines: [{ sku: '', quantity: 1 }] },
        /^lines\[0\]\.sku: "" is not a SKU/,
      ],
      [
        'a SKU twice',
        { orderId: randomUUID(), lines: [line, { sku: SKU, quantity: 2 }] },
        /^lines\[1\]\.sku: BAD-LAMP-0001 is already in lines\[0\]/,
      ],
      [
        'too many lines',
        {
          orderId: randomUUID(),
          lines: Array.from({ length: 101 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })),
        },
        /^lines: at most 100 lines, got 101/,
      ],
      [
        'negative ttl',
        { orderId: randomUUID(), lines: [line], ttlSeconds: -1 },
        /^ttl_seconds: must be 0 \(the default, 900\) or 10 to 86400, got -1/,
      ],
      ['ttl too short', { orderId: randomUUID(), lines: [line], ttlSeconds: 9 }, /^ttl_seconds: /],
      ['ttl too long', { orderId: randomUUID(), lines: [line], ttlSeconds: 86_401 }, /^ttl_seconds: /],
    ];
    for (const [what, request, message] of cases) {
      const refused = await rpcErrorOf(inventory.grpc.reserve(request));
      assert.equal(refused.code, Code.InvalidArgument, what);
      assert.match(refused.message, message, what);
    }
    await assertUntouched();
  });

  it('refuses malformed Release, Commit and GetAvailability requests', async () => {
    for (const call of [inventory.grpc.release({ orderId: '' }), inventory.grpc.commit({ orderId: ' ' })]) {
      assert.equal((await rpcErrorOf(call)).code, Code.InvalidArgument);
    }
    const availability: [string[], RegExp][] = [
      [[], /^skus: give at least one SKU/],
      [['lower'], /^skus: "lower" is not a SKU/],
      [Array.from({ length: 501 }, (_, index) => `SKU-${index}`), /^skus: at most 500 per call, got 501/],
    ];
    for (const [skus, message] of availability) {
      const refused = await rpcErrorOf(inventory.grpc.getAvailability({ skus }));
      assert.equal(refused.code, Code.InvalidArgument);
      assert.match(refused.message, message);
    }
    await assertUntouched();
  });

  it('answers INVALID_ARGUMENT to bodies that are not the request message', async () => {
    const method = `${InventoryService.typeName}/Reserve`;
    for (const [type, body] of [
      ['application/json', '{"orderId": "x", "lines": [{"sku": "A", "quantity": "many"}]}'],
      ['application/json', '{"orderId": '],
      ['application/json', '{"lines": 42}'],
      ['application/proto', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])],
    ] as const) {
      const response = await fetch(`${inventory.service.url}/${method}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      assert.equal(response.status, 400, String(body));
      assert.equal(((await response.json()) as { code: string }).code, 'invalid_argument');
    }
    await assertUntouched();
  });

  it('refuses bad REST paths and queries with 4xx', async () => {
    const paths = [
      '/stock/lowercase',
      '/stock/%00',
      `/stock/${'A'.repeat(41)}`,
      '/stock?skus=',
      '/stock?skus=A,,B',
      '/stock?skus=lower-case',
      `/stock?skus=${Array.from({ length: 101 }, (_, index) => `SKU-${index}`).join(',')}`,
      '/stock?skus=ABC-1&extra=1',
      '/stock',
    ];
    for (const path of paths) {
      const response = await api('GET', path);
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
    const tooMany = await api(
      'GET',
      `/stock?skus=${Array.from({ length: 101 }, (_, index) => `SKU-${index}`).join(',')}`,
    );
    assert.match((await problemOf(tooMany)).detail, /skus/);
    for (const query of [
      'limit=0',
      'limit=101',
      'lowOnly=maybe',
      'skuPrefix=lower',
      'cursor=',
      'colour=red',
    ]) {
      const response = await api('GET', `/admin/stock?${query}`, undefined, admin);
      assert.equal(response.status, 400, query);
    }
  });

  it('refuses bad stock changes with 400 naming the field, and changes nothing', async () => {
    const key = () => ({ ...admin, headers: { 'idempotency-key': randomUUID() } });
    const levels: [unknown, RegExp][] = [
      [{ onHand: -1 }, /onHand/],
      [{ onHand: 1.5 }, /onHand/],
      [{ onHand: '7' }, /onHand/],
      [{ onHand: 100_000_001 }, /onHand/],
      [{}, /onHand/],
      [{ onHand: 1, reserved: 0 }, /reserved is not a known field/],
      [[{ onHand: 1 }], /body/],
      [null, /body/],
    ];
    for (const [body, field] of levels) {
      const response = await api('PUT', `/admin/stock/${SKU}/ams`, body, admin);
      assert.equal(response.status, 400, JSON.stringify(body));
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.match(problem.detail, field);
    }
    for (const body of [
      { quantity: 0 },
      { quantity: -3 },
      { quantity: 1_000_001 },
      { quantity: 'ten' },
      { amount: 1 },
    ]) {
      const response = await api('POST', `/admin/stock/${SKU}/ams/restock`, body, key());
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED');
    }
    const paths = [`/admin/stock/${SKU}/AMS`, `/admin/stock/${SKU}/a`, `/admin/stock/bad sku/ams`];
    for (const path of paths) {
      const response = await api('PUT', path, { onHand: 1 }, admin);
      assert.equal(response.status, 400, path);
    }
    const malformed = await api('PUT', `/admin/stock/${SKU}/ams`, '{"onHand": ', admin);
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
    const text = await fetch(`${inventory.service.url}/admin/stock/${SKU}/ams`, {
      method: 'PUT',
      body: 'onHand=1',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin.token}` },
    });
    assert.equal(text.status, 415);
    const huge = await api(
      'PUT',
      `/admin/stock/${SKU}/ams`,
      { onHand: 1, pad: 'x'.repeat(1_100_000) },
      admin,
    );
    assert.equal(huge.status, 413);
    await assertUntouched();
  });
});
