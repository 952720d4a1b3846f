import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedCatalogue } from '@emporium/demo-data';
import { type HostConfig, startService } from '@emporium/platform/host';
import { createTestDatabase } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { createInventoryModule } from '../src/module.ts';

const skus = seedCatalogue().products.map((product) => product.sku);
const moduleConfig = {
  IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
  SEED_STOCK: true,
  RESERVATION_TTL_SECONDS: 900,
  RESERVATION_EXPIRY_INTERVAL_MS: 5_000,
  RESERVATION_EXPIRY_BATCH: 100,
  LOW_STOCK_THRESHOLD: 5,
};

describe('seeding', () => {
  it('stocks the demo catalogue once in every warehouse, publishing nothing, when two instances start at once', async () => {
    const testDatabase = await createTestDatabase('inventory');
    const config: HostConfig = {
      HOST: '127.0.0.1',
      PORT: 0,
      DATABASE_URL: testDatabase.url,
      DATABASE_POOL_MAX: 3,
      LOG_LEVEL: 'silent',
      LOG_PRETTY: false,
      BODY_LIMIT_BYTES: 1_048_576,
      SHUTDOWN_TIMEOUT_MS: 5_000,
    };
    try {
      const instances = await Promise.all([
        startService(createInventoryModule(moduleConfig), config),
        startService(createInventoryModule(moduleConfig), config),
      ]);
      try {
        const { rows } = await sql<{ rows: number; skus: number; warehouses: number; events: number }>`
          select (select count(*)::int from stock) as rows, (select count(distinct sku)::int from stock) as skus,
            (select count(*)::int from warehouses) as warehouses, (select count(*)::int from outbox) as events
        `.execute(instances[0].database.db);
        assert.deepEqual(rows[0], { rows: skus.length * 3, skus: skus.length, warehouses: 3, events: 0 });

        // The storefront's first product: every instance answers for it.
        for (const instance of instances) {
          const response = await fetch(`${instance.url}/stock/${skus[0]}`);
          assert.equal(response.status, 200);
        }
        // Some of the catalogue is scarce, some out of stock: the demo has something to run out of.
        const { rows: kinds } = await sql<{ out: number; scarce: number }>`
          select count(*) filter (where total = 0)::int as out, count(*) filter (where total between 1 and 3)::int as scarce
          from (select sum(on_hand) as total from stock group by sku) totals`.execute(
          instances[0].database.db,
        );
        assert.ok((kinds[0]?.out ?? 0) > 0 && (kinds[0]?.scarce ?? 0) > 10, JSON.stringify(kinds[0]));
      } finally {
        await Promise.all(instances.map((instance) => instance.stop()));
      }
    } finally {
      await testDatabase.drop();
    }
  });
});
