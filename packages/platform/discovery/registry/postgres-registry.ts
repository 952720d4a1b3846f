/**
 * The service registry in PostgreSQL, the embedded default: a table in the `platform`
 * database (see postgres-registry-schema.ts), written with `pg` directly.
 *
 * Each register and heartbeat upserts the instance's row with expires_at = now() + TTL and
 * NOTIFYs `emporium_registry` with the service's name; deregister deletes the row and
 * notifies too. A registry LISTENs on one connection of its own and re-reads a watched
 * service when notified. Nothing announces an expiry, so each watch also re-reads its service
 * every heartbeatMs: a crashed instance leaves its watchers' lists at most that long after
 * its TTL. The same poll keeps watches going while the LISTEN connection is down.
 */
import pg from 'pg';
import type { Logger } from '../../log/index.ts';
import { RegistryUnavailableError } from '../errors.ts';
import {
  announcementOf,
  asError,
  assertAnnouncement,
  assertServiceName,
  guarded,
  type InstanceAnnouncement,
  type Registration,
  type RegistrySettings,
  type RegistryWatch,
  redactedAddress,
  resolveRegistrySettings,
  type ServiceInstance,
  type ServiceRegistry,
  sameInstances,
  warnThrough,
} from '../service-registry.ts';
import { deregisterAll, startHeartbeatLoop } from './heartbeat-loop.ts';
import { createPostgresListener } from './postgres-listener.ts';
import {
  ensureRegistrySchema,
  INSTANCE_COLUMNS,
  INSTANCES,
  type InstanceRow,
  instanceOfRow,
} from './postgres-registry-schema.ts';

export interface PostgresRegistryOptions {
  /** The `platform` database; its role may create the `discovery` schema there. */
  url: string;
  settings?: Partial<RegistrySettings>;
  logger?: Logger;
}

/** Notifications are per database, so one channel name serves every registry in it. */
const CHANNEL = 'emporium_registry';
/** Rows of instances that crashed long enough ago are deleted, so the table does not grow. */
const SWEEP_EVERY_MS = 60_000;

const SQL = {
  announce: `with announced as (
      insert into ${INSTANCES}
        (id, service, rpc_url, http_url, version, zone, registered_at, heartbeat_at, expires_at)
      values ($1, $2, $3, $4, $5, $6, now(), now(), now() + $7::float8 * interval '1 millisecond')
      on conflict (id) do update set
        service = excluded.service, rpc_url = excluded.rpc_url, http_url = excluded.http_url,
        version = excluded.version, zone = excluded.zone,
        heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
      returning service)
    select pg_notify('${CHANNEL}', service) from announced`,
  withdraw: `with withdrawn as (delete from ${INSTANCES} where id = $1 returning service)
    select pg_notify('${CHANNEL}', service) from withdrawn`,
  list: `select ${INSTANCE_COLUMNS} from ${INSTANCES} where service = $1 and expires_at > now() order by id`,
  listAll: `select ${INSTANCE_COLUMNS} from ${INSTANCES} where expires_at > now() order by service, id`,
  sweep: `delete from ${INSTANCES} where expires_at < now() - interval '${SWEEP_EVERY_MS} milliseconds'`,
};

interface ActiveWatch {
  service: string;
  /** Reads the service again and tells the watcher if anything changed. */
  refresh(): void;
  close(): Promise<void>;
}

export function createPostgresRegistry(options: PostgresRegistryOptions): ServiceRegistry {
  const settings = resolveRegistrySettings(options.settings);
  const address = redactedAddress(options.url);
  const warn = warnThrough(options.logger);
  // A connection or statement that takes longer than a heartbeat has failed; the next tick
  // tries again, well within the TTL.
  const timeoutMs = Math.max(1_000, settings.heartbeatMs);
  const connection = {
    connectionString: options.url,
    application_name: 'emporium-registry',
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
  };
  const pool = new pg.Pool({ ...connection, max: 4 });
  pool.on('error', (error) => warn(error, 'an idle connection to the registry database failed'));

  const registrations = new Set<Registration>();
  const watches = new Set<ActiveWatch>();
  let closing: Promise<void> | undefined;
  let closed = false;
  let lastSweepAt = 0;

  let schemaReady: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    if (!schemaReady) {
      const attempt = ensureRegistrySchema(pool);
      schemaReady = attempt;
      // A failed attempt (the database was down) is made again by the next statement.
      attempt.catch(() => {
        if (schemaReady === attempt) schemaReady = undefined;
      });
    }
    return schemaReady;
  };

  const closedError = () => new Error(`the postgres service registry at ${address} is closed`);

  async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    if (closed) throw closedError();
    try {
      await ready();
      return (await pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw new RegistryUnavailableError('postgres', address, asError(error).message, { cause: error });
    }
  }

  const list = async (service: string) => (await query<InstanceRow>(SQL.list, [service])).map(instanceOfRow);

  function sweepNowAndThen(): void {
    if (Date.now() - lastSweepAt < SWEEP_EVERY_MS) return;
    lastSweepAt = Date.now();
    query(SQL.sweep).catch((error: Error) => warn(error, 'could not delete long-expired registry rows'));
  }

  const listener = createPostgresListener({
    connection,
    channel: CHANNEL,
    retryMs: settings.heartbeatMs,
    warn,
    onNotification: (service) => {
      for (const watch of watches) if (watch.service === service) watch.refresh();
    },
    onListeningAgain: () => {
      for (const watch of watches) watch.refresh();
    },
  });

  return {
    kind: 'postgres',
    address,

    async register(given: InstanceAnnouncement) {
      if (closing) throw closedError();
      assertAnnouncement(given);
      const instance = announcementOf(given);
      const { service, id, rpcUrl, httpUrl, version, zone } = instance;
      const values = [id, service, rpcUrl, httpUrl, version, zone, settings.ttlMs];
      const registration: Registration = await startHeartbeatLoop({
        instance,
        heartbeatMs: settings.heartbeatMs,
        announce: async () => {
          await query(SQL.announce, values);
          sweepNowAndThen();
        },
        withdraw: async () => {
          await query(SQL.withdraw, [id]);
        },
        warn,
        onStop: () => registrations.delete(registration),
      });
      if (closing) {
        // Closed meanwhile: its close() did not see this registration to deregister it.
        await registration.deregister().catch(() => {});
        throw closedError();
      }
      registrations.add(registration);
      return registration;
    },

    list(service: string) {
      assertServiceName(service);
      return list(service);
    },

    async listAll() {
      return (await query<InstanceRow>(SQL.listAll)).map(instanceOfRow);
    },

    async watch(service, onChange, onError): Promise<RegistryWatch> {
      if (closing) throw closedError();
      assertServiceName(service);
      const tell = guarded(onChange, warn, `a watcher of ${service}`);
      const report = onError
        ? guarded(onError, warn, `a watcher of ${service}`)
        : (error: Error) => warn(error, `watch of ${service} lost the registry`);
      // A change between the first read and the first notification is caught by the poll.
      const [, first] = await Promise.all([listener.start(), list(service)]);
      // Closed meanwhile: its close() did not see this watch and would not stop its timer.
      if (closing) throw closedError();
      tell(first);
      let last = first;
      let failing = false;
      let stopped = false;
      let again = false;
      let refreshing: Promise<void> | undefined;

      async function reread(): Promise<void> {
        do {
          again = false;
          let instances: ServiceInstance[];
          try {
            instances = await list(service);
          } catch (error) {
            // Once per outage; the watch keeps its last answer and polls on.
            if (!failing && !stopped) report(asError(error));
            failing = true;
            continue;
          }
          failing = false;
          if (!stopped && !sameInstances(instances, last)) {
            last = instances;
            tell(instances);
          }
        } while (again && !stopped);
      }
      const watch: ActiveWatch = {
        service,
        refresh() {
          // One read at a time per watch; notifications meanwhile make one more read after it.
          if (refreshing) {
            again = true;
            return;
          }
          refreshing = reread().finally(() => {
            refreshing = undefined;
          });
        },
        async close() {
          stopped = true;
          clearInterval(poll);
          watches.delete(watch);
          await refreshing;
        },
      };
      // Nothing announces an expiry: the poll is what sees one.
      const poll = setInterval(() => watch.refresh(), settings.heartbeatMs);
      watches.add(watch);
      return { close: () => watch.close() };
    },

    close() {
      closing ??= (async () => {
        await deregisterAll(registrations, warn);
        await Promise.all([...watches].map((watch) => watch.close()));
        closed = true;
        await listener.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
