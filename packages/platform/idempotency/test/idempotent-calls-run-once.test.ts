import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Generated, type Kysely, sql } from 'kysely';
import { createDatabase, type Database, migrateToLatest } from '../../db/index.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/index.ts';
import {
  hashRequest,
  IdempotencyKeyReused,
  type IdempotencyTables,
  idempotencyMigrations,
  pruneIdempotencyKeys,
  runIdempotent,
} from '../index.ts';

interface Schema extends IdempotencyTables {
  captures: { id: Generated<number>; amount: number };
}

async function captures(db: Kysely<Schema>): Promise<number[]> {
  const rows = await db.selectFrom('captures').select('amount').orderBy('id').execute();
  return rows.map((row) => row.amount);
}

/** A stand-in effect: one row per capture, with the row's id as the result. */
function capture(amount: number, delayMs = 0) {
  return async (trx: Kysely<Schema>) => {
    if (delayMs > 0) await sleep(delayMs);
    const row = await trx.insertInto('captures').values({ amount }).returning('id').executeTakeFirstOrThrow();
    return { captureId: row.id, amount };
  };
}

describe('runIdempotent, against a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database<Schema>;
  let db: Kysely<Schema>;
  before(async () => {
    testDatabase = await createTestDatabase('idempotency');
    database = createDatabase<Schema>({
      url: testDatabase.url,
      poolMax: 8,
      applicationName: 'idempotency-test',
    });
    db = database.db;
    await migrateToLatest(db, idempotencyMigrations);
    await sql`create table captures (id serial primary key, amount integer not null)`.execute(db);
  });
  after(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it('runs the work once and answers a repeat with the first result', async () => {
    const call = { scope: 'payments.capture', key: 'key-once', request: { paymentId: 'p1', amount: 500 } };
    const first = await runIdempotent(db, call, capture(500));
    const again = await runIdempotent(db, call, capture(500));
    assert.equal(first.replayed, false);
    assert.equal(again.replayed, true);
    assert.deepEqual(again.result, first.result);
    assert.deepEqual(await captures(db), [500]);
  });

  it('refuses the same key with a different request, changing nothing', async () => {
    const key = 'key-reused';
    await runIdempotent(db, { scope: 'payments.capture', key, request: { amount: 100 } }, capture(100));
    const before = await captures(db);
    await assert.rejects(
      runIdempotent(db, { scope: 'payments.capture', key, request: { amount: 999 } }, capture(999)),
      (error: unknown) =>
        error instanceof IdempotencyKeyReused && /already used for a different/.test(error.message),
    );
    assert.deepEqual(await captures(db), before);
  });

  it('lets five concurrent calls with one key run the work once, the others waiting for its result', async () => {
    const call = { scope: 'payments.capture', key: 'key-concurrent', request: { amount: 42 } };
    const before = (await captures(db)).length;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => runIdempotent(db, call, capture(42, 150))),
    );
    assert.equal(outcomes.filter((outcome) => !outcome.replayed).length, 1);
    assert.equal(new Set(outcomes.map((outcome) => JSON.stringify(outcome.result))).size, 1);
    assert.equal((await captures(db)).length, before + 1);
  });

  it('records nothing when the work fails, so the same key may try again', async () => {
    const call = { scope: 'payments.capture', key: 'key-fails', request: { amount: 7 } };
    const before = (await captures(db)).length;
    await assert.rejects(
      runIdempotent(db, call, async (trx) => {
        await capture(7)(trx);
        throw new Error('card network timed out');
      }),
      /card network timed out/,
    );
    assert.equal((await captures(db)).length, before, 'the effect rolled back with the failure');
    const retried = await runIdempotent(db, call, capture(7));
    assert.equal(retried.replayed, false);
    assert.equal((await captures(db)).length, before + 1);
  });

  it('keeps scopes apart, and forgets keys once pruned', async () => {
    const request = { amount: 1 };
    const voided = await runIdempotent(db, { scope: 'payments.void', key: 'shared', request }, capture(1));
    const refunded = await runIdempotent(
      db,
      { scope: 'payments.refund', key: 'shared', request },
      capture(1),
    );
    assert.equal(voided.replayed, false);
    assert.equal(refunded.replayed, false);
    assert.ok((await pruneIdempotencyKeys(db, new Date(Date.now() + 1000))) >= 2);
    const afterPrune = await runIdempotent(
      db,
      { scope: 'payments.void', key: 'shared', request },
      capture(1),
    );
    assert.equal(afterPrune.replayed, false);
  });
});

describe('hashRequest', () => {
  it('ignores the order of object keys and undefined fields, but not values or array order', () => {
    assert.equal(
      hashRequest({ a: 1, b: { c: [1, 2], d: 'x' } }),
      hashRequest({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }),
    );
    assert.notEqual(hashRequest({ a: 1 }), hashRequest({ a: 2 }));
    assert.notEqual(hashRequest({ a: [1, 2] }), hashRequest({ a: [2, 1] }));
    assert.equal(hashRequest({ amount: 10n }), hashRequest({ amount: '10' }));
  });
});
