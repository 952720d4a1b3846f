/**
 * The stock ledger: every change of on hand (seed, restock, count, an order taking goods) is
 * a movement, so an auditor can prove per SKU that received + counted = on hand + committed
 * and that what is reserved is exactly what reservations hold. A change made behind the
 * service's back shows up as not conserved.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bodyOf, jsonClient } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { startInventory, type TestInventory } from './fixtures/start-inventory.ts';

interface AuditRow {
  sku: string;
  onHand: number;
  reserved: number;
  received: number;
  counted: number;
  committed: number;
  heldByReservations: number;
  committedByReservations: number;
  conserved: boolean;
}

const SKUS = ['AUDIT-LAMP-0001', 'AUDIT-SOFA-0001', 'AUDIT-DESK-0001'];

describe('the stock audit', () => {
  let inventory: TestInventory;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;

  before(async () => {
    inventory = await startInventory({ seedSkus: SKUS });
    api = jsonClient(inventory.service.url);
    admin = await inventory.tokens.token(['admin']);
  });
  after(() => inventory.close());

  async function audit(query = ''): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    const response = await api('GET', `/admin/stock/audit${query}`, undefined, { token: admin });
    assert.equal(response.status, 200, await response.clone().text());
    return bodyOf(response);
  }
  const rowOf = async (sku: string) => (await audit()).items.find((row) => row.sku === sku);

  it('balances after seeding, reserving, committing, releasing, restocking and counting', async () => {
    const [lamp, sofa] = SKUS as [string, string];
    const seeded = await rowOf(lamp);
    assert.ok(seeded && seeded.onHand > 2, 'the seed stocks the lamp');
    assert.equal(seeded.received, seeded.onHand);

    const shipped = randomUUID();
    await inventory.grpc.reserve({ orderId: shipped, lines: [{ sku: lamp, quantity: 2 }] });
    await inventory.grpc.commit({ orderId: shipped });
    const released = randomUUID();
    await inventory.grpc.reserve({ orderId: released, lines: [{ sku: lamp, quantity: 1 }] });
    await inventory.grpc.release({ orderId: released });
    const held = randomUUID();
    await inventory.grpc.reserve({
      orderId: held,
      lines: [
        { sku: lamp, quantity: 1 },
        { sku: sofa, quantity: 1 },
      ],
    });

    const warehouse = 'ams';
    const restocked = await api(
      'POST',
      `/admin/stock/${lamp}/${warehouse}/restock`,
      { quantity: 5 },
      {
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    assert.equal(restocked.status, 200, await restocked.clone().text());
    const counted = await api(
      'PUT',
      `/admin/stock/${sofa}/${warehouse}`,
      { onHand: 40 },
      {
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    assert.equal(counted.status, 200, await counted.clone().text());

    const lampRow = await rowOf(lamp);
    assert.deepEqual(
      lampRow && {
        received: lampRow.received,
        committed: lampRow.committed,
        reserved: lampRow.reserved,
        onHand: lampRow.onHand,
        conserved: lampRow.conserved,
      },
      {
        received: seeded.received + 5,
        committed: 2,
        reserved: 1,
        onHand: seeded.onHand - 2 + 5,
        conserved: true,
      },
    );
    assert.equal(lampRow?.committedByReservations, 2);
    assert.equal(lampRow?.heldByReservations, 1);
    const sofaRow = await rowOf(sofa);
    assert.ok(sofaRow?.conserved, JSON.stringify(sofaRow));
    assert.notEqual(sofaRow?.counted, 0, 'the count is in the ledger');

    const reservations = await api('GET', '/admin/reservations?status=reserved', undefined, { token: admin });
    const page = await bodyOf<{ items: Array<{ orderId: string }> }>(reservations);
    assert.deepEqual(
      page.items.map((item) => item.orderId),
      [held],
    );
  });

  it('shows a change made behind the ledger as not conserved', async () => {
    const desk = SKUS[2] ?? '';
    assert.equal((await rowOf(desk))?.conserved, true);
    await sql`update stock set on_hand = on_hand + 1 where sku = ${desk} and warehouse = 'ams'`.execute(
      inventory.db,
    );
    assert.equal((await rowOf(desk))?.conserved, false);
  });

  it('pages in SKU order and refuses a cursor it did not make', async () => {
    const first = await audit('?limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await audit(`?limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(
      [...first.items, ...second.items].map((row) => row.sku),
      [...SKUS].sort(),
    );
    const bad = await api('GET', '/admin/stock/audit?cursor=nonsense', undefined, { token: admin });
    assert.equal(bad.status, 400);
    const customer = await inventory.tokens.token(['customer']);
    const forbidden = await api('GET', '/admin/stock/audit', undefined, { token: customer });
    assert.equal(forbidden.status, 403);
  });
});
