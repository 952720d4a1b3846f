/**
 * The event bus on PostgreSQL, through pg-boss 10, in a database the transport may create its
 * schema in (`platform` under `emporium up`).
 *
 * Layout: one pg-boss queue per (context, consumer group), named `<context>__<group>`, and one
 * pg-boss subscription per event type a group receives (type -> that queue). Publishing an
 * event inserts one job into every subscribed queue (fan-out); the members of a group compete
 * for the jobs of its queues. A queue per context rather than per type: a subject (an
 * entity's id) only ever appears in its own context's events, so all of a subject's events,
 * whatever their type, share one queue, which a member at concurrency 1 works in publish order,
 * retries included (`order.placed` is never handled after `order.cancelled`); this is also the
 * shape of the NATS transport's stream per context. Queues are created on subscribe: events
 * published before a group first subscribed are not kept for it (pub/sub).
 *
 * pg-boss is used for its schema, migrations, queues, subscriptions, insert and fetch (SKIP
 * LOCKED) and maintenance. Settling a delivery and its heartbeat are three UPDATEs on
 * pg-boss's job table (see SETTLE below): its `work()` completes a job when the handler
 * returns, fails it while the handler still runs once it passes its expiry, and has no
 * per-failure delay, none of which fits a delivery the consumer settles itself.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import {
  contextOfType,
  type Delivery,
  type EventTransport,
  type OutgoingEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-transport.ts';

export interface PostgresTransportOptions {
  /** A database whose owner may create pg-boss's schema in it. */
  url: string;
  /** pg-boss's schema (default `pgboss`). */
  schema?: string;
  /** Errors no caller can be told of: a lost idle connection, a failed heartbeat, a late settlement. */
  onError?: (error: Error) => void;
  /** How often an idle member looks for events published by other processes (default 2, at least 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * How long a delivery may go without its member's heartbeat before another member gets it:
   * the time it takes to notice a crashed member (default 30 s, at least 1 s). A member alive
   * keeps its deliveries however long its handler takes.
   */
  redeliverAfterMs?: number;
  /**
   * Connections pg-boss may open (default 4). Every instance of every service has its own
   * pool on the one bus database, so this multiplies: nine services at pg-boss's own default
   * of 10 would take all of a default PostgreSQL's 100 connections.
   */
  poolMax?: number;
}

/** What a job carries: pg-boss's own `name` is the queue, so the type rides along. */
interface EventJob {
  type: string;
  subject: string;
  body: string;
}

type EventJobRow = PgBoss.JobWithMetadata<EventJob>;

interface Member {
  types: ReadonlySet<string>;
  wake(): void;
  close(): Promise<void>;
}

/** The schema version of pg-boss 10.x, which the SQL in this file is written against. */
const PG_BOSS_SCHEMA_VERSION = 24;
/** pg-boss fails a job whose retries reach its limit; only the consumer decides an event is done. */
const RETRY_LIMIT = 2 ** 31 - 1;
/**
 * pg-boss archives a waiting job once its retention ends; a group's backlog must outlive any
 * outage. (Ten years: pg-boss computes `retention_minutes * 60` in int4.)
 */
const RETENTION_MINUTES = 10 * 365 * 24 * 60;
/** The contract's answer to an onDelivery that throws, or returns, without settling. */
const UNSETTLED_RETRY_DELAY_MS = 1_000;
/** pg-boss's documented queue-name alphabet is [A-Za-z0-9_-]; '.' in a group maps to '_'. */
const GROUP = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const CONTEXT = /^[A-Za-z0-9-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pg-boss queue of a group for the context of `type`, for operators and tests; distinct
 * (context, group) pairs never share one.
 */
export function queueNameOf(type: string, group: string): string {
  const context = contextOfType(type);
  if (!CONTEXT.test(context))
    throw new Error(`context "${context}" of ${type} is not a valid queue name part`);
  if (!GROUP.test(group)) {
    throw new Error(`consumer group "${group}" may use letters, digits, '-' and '.' only`);
  }
  // The context has no '_', so the first "__" separates the parts, and '_' in the group is a '.'.
  return `${context}__${group.replaceAll('.', '_')}`;
}

export async function createPostgresTransport(options: PostgresTransportOptions): Promise<EventTransport> {
  const schema = options.schema ?? 'pgboss';
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const pollingMs = (options.pollingIntervalSeconds ?? 2) * 1_000;
  const redeliverAfterMs = options.redeliverAfterMs ?? 30_000;
  if (!(pollingMs >= 500)) throw new Error('pollingIntervalSeconds must be at least 0.5');
  if (!(redeliverAfterMs >= 1_000)) throw new Error('redeliverAfterMs must be at least 1000');
  const expireInSeconds = Math.ceil(redeliverAfterMs / 1_000);

  const boss = new PgBoss({
    connectionString: options.url,
    schema,
    application_name: 'emporium-event-bus',
    max: options.poolMax ?? 4,
    // No cron schedules here: they would only add a poller per instance.
    schedule: false,
    // Maintenance is what hands a crashed member's deliveries to another once their heartbeat
    // stops (expiry); one instance per interval runs it (pg-boss elects it in its version row).
    maintenanceIntervalSeconds: Math.max(1, Math.round(expireInSeconds / 2)),
  });
  boss.on('error', onError);
  const underLock = <T>(work: () => Promise<T>) => underSchemaLock(options.url, schema, onError, work);
  await underLock(() => boss.start());
  const version = Number(await boss.schemaVersion());
  if (version !== PG_BOSS_SCHEMA_VERSION) {
    await boss.stop({ graceful: false });
    throw new Error(
      `pg-boss schema ${schema} is at version ${version}; this transport is written for ${PG_BOSS_SCHEMA_VERSION}`,
    );
  }

  const db = boss.getDb();
  // SETTLE: each statement matches the job only while it is still this delivery's: active, and
  // fetched this many times (fetch counts re-deliveries in retry_count). A delivery whose lease
  // expired and went to another member can no longer settle or extend that member's delivery.
  const sql = {
    ack: `UPDATE ${schema}.job SET state = 'completed', completed_on = now()
      WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3 RETURNING id`,
    // The job keeps its id (so a re-publish is still a duplicate) and its created_on (so once
    // due it is first in line again); fetch skips it until start_after. pg-boss's own fail()
    // only knows the queue's fixed retry_delay, in whole seconds.
    retryLater: `UPDATE ${schema}.job
      SET state = 'retry', start_after = now() + $4::float8 * interval '1 millisecond'
      WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3 RETURNING id`,
    // Maintenance expires an active job at started_on + expire_in; a live member pushes that on.
    heartbeat: `UPDATE ${schema}.job SET started_on = now()
      WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3`,
    queuesOf: `SELECT event, name FROM ${schema}.subscription WHERE event = ANY($1::text[])`,
  };
  const members = new Set<Member>();
  let closing: Promise<void> | undefined;

  function startMember(subscription: SubscribeOptions, queues: string[]): Member {
    const concurrency = subscription.concurrency ?? 1;
    const inFlight = new Set<Promise<void>>();
    // Per queue: deliveries in hand plus those waiting for their retry. A queue is fetched from
    // only below `concurrency`, so at 1 an event waiting to be retried holds back the events
    // after it in its queue (as JetStream's max_ack_pending does): they cannot overtake it.
    const pending = new Map<string, number>();
    const retryTimers = new Set<NodeJS.Timeout>();
    let stopping = false;
    let woken = false;
    let interrupt: (() => void) | undefined;

    const wake = () => {
      woken = true;
      interrupt?.();
    };
    const pendingIn = (queue: string) => pending.get(queue) ?? 0;
    const release = (queue: string) => {
      pending.set(queue, pendingIn(queue) - 1);
      wake();
    };
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        if (woken) {
          woken = false;
          resolve();
          return;
        }
        const done = () => {
          clearTimeout(timer);
          interrupt = undefined;
          woken = false;
          resolve();
        };
        const timer = setTimeout(done, ms);
        interrupt = done;
      });

    async function deliver(queue: string, job: EventJobRow): Promise<void> {
      const key = [queue, job.id, job.retryCount];
      const what = `event ${job.id} (${job.data.type}) for group ${subscription.group}`;
      // pg returns EXTRACT(epoch ...) as a numeric string, whatever pg-boss's types say.
      const leaseMs = Number(job.expireInSeconds) * 1_000 || expireInSeconds * 1_000;
      const heartbeat = setInterval(() => {
        db.executeSql(sql.heartbeat, key).catch((error: unknown) => onError(asError(error)));
      }, leaseMs / 3);
      let settled = false;
      let waitsForRetry = false;
      const settle = async (statement: string, values: unknown[]) => {
        if (settled) throw new Error(`${what} was already acknowledged or retried`);
        settled = true;
        clearInterval(heartbeat);
        const { rows } = await db.executeSql(statement, [...key, ...values]);
        if (rows.length === 0) {
          onError(new Error(`${what} was settled after its lease ended; another member may have had it`));
        }
      };
      const delivery: Delivery = {
        body: job.data.body,
        type: job.data.type,
        attempt: job.retryCount + 1,
        ack: () => settle(sql.ack, []),
        async retryLater(delayMs) {
          if (!Number.isFinite(delayMs)) throw new Error(`retryLater needs a delay in ms, not ${delayMs}`);
          const delay = Math.max(0, Math.round(delayMs));
          await settle(sql.retryLater, [delay]);
          if (stopping) return;
          // Its place is held until it is due; then it is first in line again and fetched at once.
          waitsForRetry = true;
          const timer = setTimeout(() => {
            retryTimers.delete(timer);
            release(queue);
          }, delay + 5);
          retryTimers.add(timer);
        },
      };
      try {
        try {
          await subscription.onDelivery(delivery);
          if (!settled) throw new Error(`onDelivery returned without settling ${what}`);
        } catch (error) {
          onError(asError(error));
          if (!settled) await delivery.retryLater(UNSETTLED_RETRY_DELAY_MS);
        }
      } catch (error) {
        // Settling failed (the database is unreachable): the lease, no longer extended, ends and
        // the event goes to a member again.
        onError(asError(error));
      } finally {
        clearInterval(heartbeat);
        if (!waitsForRetry) release(queue);
      }
    }

    async function fetchAndDeliver(): Promise<void> {
      let turn = 0;
      while (!stopping) {
        let fetched = 0;
        try {
          // Round robin over the group's queues (one per context), as many jobs as free slots.
          for (let i = 0; i < queues.length && inFlight.size < concurrency && !stopping; i++) {
            const queue = queues[(turn + i) % queues.length] ?? '';
            const free = Math.min(concurrency - inFlight.size, concurrency - pendingIn(queue));
            if (free <= 0) continue;
            const jobs = await boss.fetch<EventJob>(queue, { batchSize: free, includeMetadata: true });
            fetched += jobs.length;
            pending.set(queue, pendingIn(queue) + jobs.length);
            for (const job of jobs) {
              const delivering = deliver(queue, job).finally(() => {
                inFlight.delete(delivering);
                wake();
              });
              inFlight.add(delivering);
            }
          }
        } catch (error) {
          onError(asError(error));
        }
        turn++;
        // Full: wait for a slot (a finished delivery or a retry falling due wakes it). Empty:
        // wait for the next poll or a local publish. Otherwise look again at once.
        if (!stopping && (inFlight.size >= concurrency || fetched === 0)) await pause(pollingMs);
      }
    }

    const running = fetchAndDeliver();
    return {
      types: new Set(subscription.types),
      wake,
      async close() {
        stopping = true;
        for (const timer of retryTimers) clearTimeout(timer);
        wake();
        await running;
        await Promise.all(inFlight);
      },
    };
  }

  const wakeChannel = `emporium_bus_${schema}`;
  const wakeMembersOf = (types: readonly string[]) => {
    for (const member of members) {
      if (types.some((type) => member.types.has(type))) member.wake();
    }
  };
  // One LISTEN connection per transport that has members: a publish anywhere wakes them at
  // once, so polling is only the safety net for a lost notification.
  let listener: pg.Client | undefined;
  const listenAgainLater = (client: pg.Client) => {
    // Back to polling alone until a LISTEN connection is up again.
    if (listener === client) listener = undefined;
    void client.end().catch(() => {});
    if (!closing) setTimeout(() => void listenForPublishes(), pollingMs).unref();
  };
  const listenForPublishes = async () => {
    if (listener || closing) return;
    const client = new pg.Client({ connectionString: options.url, application_name: 'emporium-event-bus' });
    listener = client;
    client.on('error', (error) => {
      onError(error);
      listenAgainLater(client);
    });
    client.on('notification', (message) => {
      try {
        const types: unknown = JSON.parse(message.payload ?? '[]');
        if (Array.isArray(types)) wakeMembersOf(types.filter((type) => typeof type === 'string'));
      } catch (error) {
        onError(asError(error));
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${wakeChannel}`);
    } catch (error) {
      // A failed connect emits no 'error' event: retry from here, or the listener stays dead.
      onError(asError(error));
      listenAgainLater(client);
    }
  };

  return {
    name: 'postgres',

    async publish(events: OutgoingEvent[]) {
      if (closing) throw new Error('the postgres event transport is closed');
      for (const event of events) {
        // pg-boss job ids are uuids, and the id is what makes a second publish a duplicate.
        if (!UUID.test(event.id)) throw new Error(`event id "${event.id}" is not a UUID`);
      }
      if (events.length === 0) return;
      // Groups that subscribe from here on miss these events: pub/sub, nothing is kept for
      // groups that do not exist yet.
      const { rows } = await db.executeSql(sql.queuesOf, [[...new Set(events.map((event) => event.type))]]);
      const queuesOf = new Map<string, string[]>();
      for (const { event, name } of rows) queuesOf.set(event, [...(queuesOf.get(event) ?? []), name]);
      for (const event of events) {
        const queues = queuesOf.get(event.type) ?? [];
        if (queues.length === 0) continue;
        const data: EventJob = { type: event.type, subject: event.subject, body: event.body };
        // One statement per event, in order, each committed before the next: fetch orders a
        // queue by created_on, the inserting transaction's start time, so events inserted in
        // one statement would tie and fall back to their (random) ids. The job key is
        // (queue, id) and the insert skips conflicts, so a re-published event is not queued
        // again while its job is in the job table (until archived, 12 h after completion).
        // (pg-boss's publish() is not used: it ignores failed inserts.)
        await boss.insert(queues.map((name) => ({ id: event.id, name, data })));
      }
      const published = [...new Set(events.map((event) => event.type))];
      wakeMembersOf(published);
      // Members in other processes listen for this instead of waiting for their next poll.
      await db.executeSql('SELECT pg_notify($1, $2)', [wakeChannel, JSON.stringify(published)]);
    },

    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      if (closing) throw new Error('the postgres event transport is closed');
      const { group, types, concurrency = 1 } = subscription;
      if (types.length === 0) throw new Error(`group ${group} subscribes to no event types`);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`concurrency must be a positive integer, not ${concurrency}`);
      }
      const queueOfType = new Map(types.map((type) => [type, queueNameOf(type, group)]));
      const queues = [...new Set(queueOfType.values())];
      await underLock(async () => {
        for (const name of queues) {
          const settings: PgBoss.Queue = {
            name,
            policy: 'standard',
            retryLimit: RETRY_LIMIT,
            // An expired lease (a crashed member) is redelivered at once.
            retryDelay: 0,
            expireInSeconds,
            retentionMinutes: RETENTION_MINUTES,
          };
          await boss.createQueue(name, { ...settings });
          // An existing queue takes the settings of the code now running.
          await boss.updateQueue(name, { ...settings });
        }
        for (const [type, queue] of queueOfType) await boss.subscribe(type, queue);
      });
      await listenForPublishes();
      const member = startMember(subscription, queues);
      members.add(member);
      return {
        async close() {
          members.delete(member);
          await member.close();
        },
      };
    },

    async backlog(group: string, types: readonly string[]): Promise<number> {
      const queues = [...new Set(types.map((type) => queueNameOf(type, group)))];
      // Jobs before "completed": created, retry and active.
      const sizes = await Promise.all(
        queues.map((name) => boss.getQueueSize(name, { before: 'completed' }).catch(() => 0)),
      );
      return sizes.reduce((sum, size) => sum + (size ?? 0), 0);
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...members].map((member) => member.close()));
        members.clear();
        await listener?.end().catch(() => {});
        await boss.stop({ graceful: true, close: true, wait: true });
      })();
      return closing;
    },
  };
}

/**
 * Runs `work` while holding a session advisory lock for the schema, on a connection of its own.
 * Two pg-boss create_queue() calls at once deadlock on the queue table's foreign keys
 * ("deadlock detected"), which services starting together would hit. pg-boss does survive two
 * instances installing its schema at once (the loser catches "already exists"), but under the
 * lock the second one finds it installed instead of failing a transaction in the server's log.
 */
async function underSchemaLock<T>(
  url: string,
  schema: string,
  onError: (error: Error) => void,
  work: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'emporium-event-bus' });
  client.on('error', onError);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`emporium.event-bus.${schema}`]);
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
