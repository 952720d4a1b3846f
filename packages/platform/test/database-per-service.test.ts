import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createDatabase, inTransaction, type Migrations, migrateToLatest } from '@emporium/platform/db';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing';
import { type Generated, sql } from 'kysely';
import pg from 'pg';

interface Schema {
  widgets: { id: Generated<number>; name: string };
}

const migrations: Migrations = {
  '0001-widgets': {
    async up(db) {
      await db.schema
        .createTable('widgets')
        .addColumn('id', 'serial', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull().unique())
        .execute();
    },
  },
  '0002-seed': {
    async up(db) {
      await sql`insert into widgets (name) values ('first')`.execute(db);
    },
  },
};

describe('one database and one role per service', () => {
  const created: TestDatabase[] = [];
  after(async () => {
    for (const database of created) await database.drop();
  });

  it("lets a service's role connect to its own database and no other", async () => {
    const orders = await createTestDatabase('orders');
    const payments = await createTestDatabase('payments');
    created.push(orders, payments);

    const own = new pg.Client({ connectionString: orders.url });
    await own.connect();
    const { rows } = await own.query('select current_user as role, current_database() as database');
    await own.end();
    assert.deepEqual(rows[0], { role: orders.role, database: orders.database });

    const foreignUrl = new URL(orders.url);
    foreignUrl.pathname = `/${payments.database}`;
    const intruder = new pg.Client({ connectionString: foreignUrl.toString() });
    await assert.rejects(intruder.connect(), (error: Error & { code?: string }) => {
      assert.equal(error.code, '42501', 'insufficient_privilege');
      assert.match(error.message, /permission denied for database/);
      return true;
    });
    await intruder.end().catch(() => {});
  });

  it('applies each migration once when several instances start at the same moment', async () => {
    const target = await createTestDatabase('migrations');
    created.push(target);
    const instances = Array.from({ length: 4 }, () =>
      createDatabase<Schema>({ url: target.url, poolMax: 2 }),
    );
    try {
      const applied = await Promise.all(instances.map(({ db }) => migrateToLatest(db, migrations)));
      assert.deepEqual(applied.flat().sort(), ['0001-widgets', '0002-seed']);
      const [first] = instances;
      assert.ok(first);
      const widgets = await first.db.selectFrom('widgets').select('name').execute();
      assert.deepEqual(widgets, [{ name: 'first' }]);
      assert.deepEqual(await migrateToLatest(first.db, migrations), [], 'a restart applies nothing');
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  it('rolls a failed transaction back whole', async () => {
    const target = await createTestDatabase('transactions');
    created.push(target);
    const database = createDatabase<Schema>({ url: target.url });
    try {
      await migrateToLatest(database.db, migrations);
      await assert.rejects(
        inTransaction(database.db, async (trx) => {
          await trx.insertInto('widgets').values({ name: 'second' }).execute();
          await trx.insertInto('widgets').values({ name: 'first' }).execute(); // violates the unique name
        }),
        /duplicate key/,
      );
      const names = await database.db.selectFrom('widgets').select('name').orderBy('id').execute();
      assert.deepEqual(
        names.map((row) => row.name),
        ['first'],
      );
    } finally {
      await database.close();
    }
  });
});
