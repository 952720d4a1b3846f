import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDatabase, type Database, migrateToLatest } from '@emporium/platform/db';
import { type HostConfig, startService } from '@emporium/platform/host';
import { createTestDatabase } from '@emporium/platform/testing';
import { sql } from 'kysely';
import { createCatalogModule } from '../src/module.ts';
import type { CatalogDatabase } from '../src/store/database.ts';
import { loadSeedCatalogue } from '../src/store/load-seed-catalogue.ts';
import { catalogMigrations } from '../src/store/migrations/index.ts';
import { seedCatalogue } from '../src/store/seed/seed-catalogue.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

const seed = seedCatalogue();
const moduleConfig = { IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json', SEED_CATALOGUE: true };

/** What a start left in the database; `events` must stay 0, since the seed publishes nothing. */
async function countRows(database: Database<CatalogDatabase>) {
  const { rows } = await sql<{ products: number; categories: number; events: number }>`
    select (select count(*)::int from products) as products, (select count(*)::int from categories) as categories,
      (select count(*)::int from outbox) as events
  `.execute(database.db);
  return rows[0];
}

describe('seeding', () => {
  it('loads the seed catalogue once, publishing no event for it, when two instances start at once on one database', async () => {
    const testDatabase = await createTestDatabase('catalog');
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
        startService(createCatalogModule(moduleConfig), config),
        startService(createCatalogModule(moduleConfig), config),
      ]);
      try {
        assert.deepEqual(await countRows(instances[0].database), {
          products: seed.products.length,
          categories: seed.categories.length,
          events: 0,
        });
        for (const instance of instances) {
          const response = await fetch(`${instance.url}/products?limit=1`);
          assert.equal(response.status, 200);
        }
      } finally {
        await Promise.all(instances.map((instance) => instance.stop()));
      }
    } finally {
      await testDatabase.drop();
    }
  });

  it('reports that the second of two concurrent loads found the catalogue already filled', async (t) => {
    const testDatabase = await createTestDatabase('catalog');
    const database = createDatabase<CatalogDatabase>({ url: testDatabase.url, poolMax: 4 });
    try {
      await migrateToLatest(database.db, catalogMigrations);
      const started = performance.now();
      const outcomes = await Promise.all([
        loadSeedCatalogue(database.db, seed, new Date()),
        loadSeedCatalogue(database.db, seed, new Date()),
      ]);
      t.diagnostic(
        `seeding ${seed.products.length} products took ${Math.round(performance.now() - started)} ms`,
      );
      assert.equal(outcomes.filter((outcome) => outcome.seeded).length, 1, JSON.stringify(outcomes));
      assert.deepEqual(
        outcomes.find((outcome) => !outcome.seeded),
        { seeded: false, reason: 'the catalogue already has products' },
      );
      assert.deepEqual(await countRows(database), {
        products: seed.products.length,
        categories: seed.categories.length,
        events: 0,
      });
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });

  it('leaves the catalogue empty when SEED_CATALOGUE is false', async () => {
    const service = await startCatalog({ seed: false });
    try {
      assert.deepEqual(await countRows(service.database), { products: 0, categories: 0, events: 0 });
      const listing = await fetch(`${service.url}/products`);
      assert.equal(listing.status, 200);
    } finally {
      await service.close();
    }
  });
});
