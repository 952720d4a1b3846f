import { type Kysely, sql } from 'kysely';
import { createDatabase, type Database, migrateToLatest } from '../../db/index.ts';
import { createLogger } from '../../log/index.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import type { SagaDefinition } from '../saga-definition.ts';
import { createSagaEngine, type SagaEngine, type SagaEngineOptions } from '../saga-engine.ts';
import { type SagaTables, sagaMigrations } from '../saga-migrations.ts';

export interface Effects {
  effects: { id: number; saga_id: string; what: string; key: string };
}
export type Schema = SagaTables & Effects;

/** A private database with the saga tables and an `effects` table the test steps write to. */
export async function sagaDatabase(): Promise<{
  database: Database<Schema>;
  db: Kysely<Schema>;
  drop(): Promise<void>;
}> {
  const testDatabase: TestDatabase = await createTestDatabase('saga');
  const database = createDatabase<Schema>({
    url: testDatabase.url,
    poolMax: 10,
    applicationName: 'saga-test',
  });
  await migrateToLatest(database.db, sagaMigrations);
  await sql`create table effects (id serial primary key, saga_id uuid not null, what text not null, key text not null)`.execute(
    database.db,
  );
  return {
    database,
    db: database.db,
    async drop() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** What the steps did, in order, as "what" strings: "reserve", "undo:reserve". */
export async function effectsOf(db: Kysely<Schema>, sagaId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('effects')
    .select('what')
    .where('saga_id', '=', sagaId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.what);
}

/** A step effect that happens once per idempotency key, as a well-behaved participant's would. */
export async function effect(db: Kysely<Schema>, sagaId: string, what: string, key: string): Promise<void> {
  await sql`insert into effects (saga_id, what, key) select ${sagaId}, ${what}, ${key}
    where not exists (select 1 from effects where key = ${key})`.execute(db);
}

export function engineFor(
  db: Kysely<Schema>,
  // biome-ignore lint/suspicious/noExplicitAny: a test engine takes any saga shape.
  definitions: SagaDefinition<any>[],
  overrides: Partial<SagaEngineOptions> = {},
): SagaEngine {
  return createSagaEngine({
    db: db as unknown as Kysely<SagaTables>,
    logger: createLogger({
      service: 'saga-test',
      level: process.env.TEST_LOG_LEVEL ?? 'silent',
      pretty: false,
    }),
    owner: overrides.owner ?? 'engine-a',
    definitions,
    leaseMs: 600,
    pollMs: 50,
    stepTimeoutMs: 500,
    retryDelayMs: { initial: 10, max: 40 },
    ...overrides,
  });
}
