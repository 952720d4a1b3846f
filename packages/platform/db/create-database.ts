import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export interface Database<Schema> {
  db: Kysely<Schema>;
  pool: pg.Pool;
  /** Resolves when the database answers a trivial query; the readiness check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  /** Shown in pg_stat_activity, so an operator can tell whose connection it is. */
  applicationName?: string;
}

export function createDatabase<Schema>(options: DatabaseOptions): Database<Schema> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
