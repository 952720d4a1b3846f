export { createDatabase, type Database, type DatabaseOptions } from './create-database.ts';
export {
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  readPostmasterPid,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
export { type Migration, MigrationError, type Migrations, migrateToLatest } from './migrate.ts';
export { type DatabaseGrant, databaseUrl, provisionDatabase } from './provision-database.ts';
export { inTransaction, type Transaction } from './transaction.ts';
