import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';

export type { Migration } from 'kysely';

/** A service's migrations, keyed by name; names sort in the order they must run ("0001-users"). */
export type Migrations = Readonly<Record<string, Migration>>;

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`migration ${migration ?? '(setup)'} failed: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest migration. Kysely's migrator takes a PostgreSQL advisory
 * lock for the whole run, so two instances starting at once apply each migration once.
 */
export async function migrateToLatest<Schema>(db: Kysely<Schema>, migrations: Migrations): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // Chassis migrations (messaging-*) sit beside a service's numbered ones.
    allowUnorderedMigrations: true,
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
