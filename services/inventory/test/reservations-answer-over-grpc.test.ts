import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Code, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import {
  InventoryService,
  ReservationStatus,
} from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { rpcErrorOf } from './fixtures/rpc-errors.ts';
import {
  startInventory,
  stockRows,
  stockUp,
  type TestInventory,
  totalsOf,
} from './fixtures/start-inventory.ts';

describe('InventoryService reservations over gRPC', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startInventory();
    await stockUp(inventory.db, 'GRPC-LAMP-0001', { ams: 3, fra: 7, lyo: 5 });
    await stockUp(inventory.db, 'GRPC-SOFA-0001', { lyo: 2 });
    await stockUp(inventory.db, 'GRPC-DESK-0001', { ams: 10 });
  });
  after(() => inventory?.close());

  const order = () => `order-${randomUUID()}`;

  it('reserves every line, taking each from the warehouses with the most first', async () => {
    const orderId = order();
    const { reservation } = await inventory.grpc.reserve({
      orderId,
      lines: [
        { sku: 'GRPC-SOFA-0001', quantity: 1 },
        { sku: 'GRPC-LAMP-0001', quantity: 9 },
      ],
    });
    assert.ok(reservation);
    assert.equal(reservation.orderId, orderId);
    assert.equal(reservation.status, ReservationStatus.RESERVED);
    assert.deepEqual(
      reservation.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      [
        { sku: 'GRPC-LAMP-0001', quantity: 9 },
        { sku: 'GRPC-SOFA-0001', quantity: 1 },
      ],
    );
    assert.deepEqual(
      reservation.allocations.map(({ sku, warehouse, quantity }) => ({ sku, warehouse, quantity })),
      [
        { sku: 'GRPC-LAMP-0001', warehouse: 'fra', quantity: 7 },
        { sku: 'GRPC-LAMP-0001', warehouse: 'lyo', quantity: 2 },
        { sku: 'GRPC-SOFA-0001', warehouse: 'lyo', quantity: 1 },
      ],
    );
    const expiresIn = Number(reservation.expireTime?.seconds) * 1000 - Date.now();
    assert.ok(expiresIn > 890_000 && expiresIn <= 900_000, 'the default time to live is 15 minutes');

    const { availability } = await inventory.grpc.getAvailability({
      skus: ['GRPC-LAMP-0001', 'GRPC-SOFA-0001', 'NO-SUCH-SKU'],
    });
    assert.deepEqual(
      availability.map(({ sku, available, onHand, reserved }) => ({ sku, available, onHand, reserved })),
      [
        { sku: 'GRPC-LAMP-0001', available: 6, onHand: 15, reserved: 9 },
        { sku: 'GRPC-SOFA-0001', available: 1, onHand: 2, reserved: 1 },
        { sku: 'NO-SUCH-SKU', available: 0, onHand: 0, reserved: 0 },
      ],
    );

    const released = await inventory.grpc.release({ orderId });
    assert.equal(released.reservation?.status, ReservationStatus.RELEASED);
    assert.deepEqual(await totalsOf(inventory.db, 'GRPC-LAMP-0001'), {
      onHand: 15,
      reserved: 0,
      available: 15,
    });
  });

  it('answers a repeated Reserve with the same reservation, whatever the order of its lines', async () => {
    const orderId = order();
    const lines = [
      { sku: 'GRPC-DESK-0001', quantity: 2 },
      { sku: 'GRPC-LAMP-0001', quantity: 1 },
    ];
    const first = await inventory.grpc.reserve({ orderId, lines });
    const again = await inventory.grpc.reserve({ orderId, lines: [...lines].reverse(), ttlSeconds: 60 });
    assert.equal(again.reservation?.id, first.reservation?.id);
    assert.deepEqual(
      again.reservation?.expireTime,
      first.reservation?.expireTime,
      'a retry does not extend it',
    );
    assert.equal((await totalsOf(inventory.db, 'GRPC-DESK-0001')).reserved, 2, 'reserved once');
    await inventory.grpc.release({ orderId });
  });

  it('refuses the same order with other lines with ALREADY_EXISTS, changing nothing', async () => {
    const orderId = order();
    await inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-DESK-0001', quantity: 1 }] });
    const before = await stockRows(inventory.db, 'GRPC-DESK-0001');
    const other = await rpcErrorOf(
      inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-DESK-0001', quantity: 2 }] }),
    );
    assert.equal(other.code, Code.AlreadyExists);
    assert.match(
      other.message,
      new RegExp(`Order ${orderId} already has a reservation of other lines \\(1 × GRPC-DESK-0001\\)`),
    );
    assert.deepEqual(await stockRows(inventory.db, 'GRPC-DESK-0001'), before);
    await inventory.grpc.release({ orderId });
  });

  it('reserves nothing when any line is short, naming each short SKU with what is available', async () => {
    const orderId = order();
    const before = [
      await totalsOf(inventory.db, 'GRPC-DESK-0001'),
      await totalsOf(inventory.db, 'GRPC-SOFA-0001'),
    ];
    const short = await rpcErrorOf(
      inventory.grpc.reserve({
        orderId,
        lines: [
          { sku: 'GRPC-DESK-0001', quantity: 3 },
          { sku: 'GRPC-SOFA-0001', quantity: 5 },
          { sku: 'GRPC-LAMP-0001', quantity: 16 },
        ],
      }),
    );
    assert.equal(short.code, Code.FailedPrecondition);
    assert.equal(
      short.message,
      'Not enough stock: GRPC-LAMP-0001: 15 available, 16 asked; GRPC-SOFA-0001: 2 available, 5 asked; nothing was reserved',
    );
    assert.deepEqual(
      [await totalsOf(inventory.db, 'GRPC-DESK-0001'), await totalsOf(inventory.db, 'GRPC-SOFA-0001')],
      before,
    );
    // Nothing was kept for the order: it may try again with lines that fit.
    const retry = await inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-DESK-0001', quantity: 3 }] });
    assert.equal(retry.reservation?.status, ReservationStatus.RESERVED);
    await inventory.grpc.release({ orderId });
  });

  it('refuses unknown SKUs with NOT_FOUND naming them', async () => {
    const unknown = await rpcErrorOf(
      inventory.grpc.reserve({
        orderId: order(),
        lines: [
          { sku: 'GRPC-DESK-0001', quantity: 1 },
          { sku: 'NO-SUCH-0001', quantity: 1 },
          { sku: 'NO-SUCH-0002', quantity: 1 },
        ],
      }),
    );
    assert.equal(unknown.code, Code.NotFound);
    assert.equal(unknown.message, 'No stock is kept for NO-SUCH-0001, NO-SUCH-0002; nothing was reserved');
  });

  it('commits once: on hand and reserved go down, a repeat answers the same, a release is refused', async () => {
    const orderId = order();
    await inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-DESK-0001', quantity: 4 }] });
    const before = await totalsOf(inventory.db, 'GRPC-DESK-0001');
    const committed = await inventory.grpc.commit({ orderId });
    assert.equal(committed.reservation?.status, ReservationStatus.COMMITTED);
    const again = await inventory.grpc.commit({ orderId });
    assert.deepEqual(again.reservation, committed.reservation);
    assert.deepEqual(await totalsOf(inventory.db, 'GRPC-DESK-0001'), {
      onHand: before.onHand - 4,
      reserved: before.reserved - 4,
      available: before.available,
    });
    const release = await rpcErrorOf(inventory.grpc.release({ orderId }));
    assert.equal(release.code, Code.FailedPrecondition);
    assert.match(release.message, /was committed at .*cannot be released/);
    assert.equal(
      (await inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-DESK-0001', quantity: 4 }] })).reservation
        ?.status,
      ReservationStatus.COMMITTED,
    );
  });

  it('treats Release as idempotent, and refuses to commit or reserve again a released reservation', async () => {
    const orderId = order();
    await inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-SOFA-0001', quantity: 2 }] });
    assert.equal((await inventory.grpc.release({ orderId })).reservation?.status, ReservationStatus.RELEASED);
    assert.equal((await inventory.grpc.release({ orderId })).reservation?.status, ReservationStatus.RELEASED);
    assert.equal((await totalsOf(inventory.db, 'GRPC-SOFA-0001')).reserved, 0, 'given back once');
    const commit = await rpcErrorOf(inventory.grpc.commit({ orderId }));
    assert.equal(commit.code, Code.FailedPrecondition);
    assert.match(commit.message, /was released at .*nothing to commit/);
    // A late retry of the Reserve (after the order compensated) does not take the stock again.
    const retried = await rpcErrorOf(
      inventory.grpc.reserve({ orderId, lines: [{ sku: 'GRPC-SOFA-0001', quantity: 2 }] }),
    );
    assert.equal(retried.code, Code.FailedPrecondition);
    assert.match(retried.message, /was released at/);
    assert.equal((await totalsOf(inventory.db, 'GRPC-SOFA-0001')).reserved, 0);
  });

  it('answers Release of an unknown order with no reservation, and Commit with NOT_FOUND', async () => {
    const orderId = order();
    assert.equal((await inventory.grpc.release({ orderId })).reservation, undefined);
    const commit = await rpcErrorOf(inventory.grpc.commit({ orderId }));
    assert.equal(commit.code, Code.NotFound);
    assert.equal(commit.message, `Order ${orderId} has no reservation`);
  });

  it('answers over Connect JSON on the HTTP port as well', async () => {
    const client = createClient(
      InventoryService,
      createConnectTransport({ baseUrl: inventory.service.url, httpVersion: '1.1' }),
    );
    const { availability } = await client.getAvailability({ skus: ['GRPC-SOFA-0001'] });
    assert.equal(availability[0]?.onHand, 2);
  });
});
