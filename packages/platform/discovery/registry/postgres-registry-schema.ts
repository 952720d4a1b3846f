import type pg from 'pg';
import type { ServiceInstance } from '../service-registry.ts';

/**
 * The registry's table, in a schema of its own in the shared `platform` database (which the
 * PostgreSQL event bus's pg-boss schema shares), so neither can collide with the other.
 * One row per instance; a row is live while `expires_at` is in the future by the database's
 * clock, which every process reads alike whatever its own clock says.
 */
export const INSTANCES = 'discovery.instances';

const SCHEMA_LOCK = 'emporium.discovery.schema';

const CREATE_SCHEMA = `
  create schema if not exists discovery;
  create table if not exists ${INSTANCES} (
    id text primary key,
    service text not null,
    rpc_url text not null,
    http_url text not null,
    version text not null,
    zone text not null,
    registered_at timestamptz not null,
    heartbeat_at timestamptz not null,
    expires_at timestamptz not null
  );
  create index if not exists instances_service_expires_at on ${INSTANCES} (service, expires_at);
`;

export interface InstanceRow {
  id: string;
  service: string;
  rpc_url: string;
  http_url: string;
  version: string;
  zone: string;
  heartbeat_at: Date;
}

export const INSTANCE_COLUMNS = 'id, service, rpc_url, http_url, version, zone, heartbeat_at';

export function instanceOfRow(row: InstanceRow): ServiceInstance {
  return {
    service: row.service,
    id: row.id,
    rpcUrl: row.rpc_url,
    httpUrl: row.http_url,
    version: row.version,
    zone: row.zone,
    heartbeatAt: row.heartbeat_at,
  };
}

/**
 * Creates the schema and table unless they exist. Services start together: two sessions
 * running `create table if not exists` at once can both find it missing, and the loser fails
 * on pg_type's unique index. The transaction-scoped advisory lock makes the second one wait
 * and then find the table there.
 */
export async function ensureRegistrySchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [SCHEMA_LOCK]);
    await client.query(CREATE_SCHEMA);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    // A connection that could not even roll back is dropped rather than handed out again.
    client.release(broken);
  }
}
