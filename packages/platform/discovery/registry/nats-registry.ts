/**
 * The service registry in a NATS JetStream KV bucket, chosen when NATS_URL is set: one key
 * per instance (nats-registry-entries.ts), max_age = TTL, history 1. A heartbeat puts the
 * value again, deregister deletes the key. Watches follow the bucket (nats-bucket-watch.ts).
 *
 * The connection is opened by the first call that needs it and keeps reconnecting after an
 * outage; calls made while it is down fail after a heartbeat interval.
 */
import { jetstream } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../log/index.ts';
import { RegistryUnavailableError } from '../errors.ts';
import {
  announcementOf,
  asError,
  assertAnnouncement,
  assertServiceName,
  type InstanceAnnouncement,
  type Registration,
  type RegistrySettings,
  type RegistryWatch,
  redactedAddress,
  resolveRegistrySettings,
  type ServiceRegistry,
  warnThrough,
} from '../service-registry.ts';
import { deregisterAll, startHeartbeatLoop } from './heartbeat-loop.ts';
import { type BucketWatch, startBucketWatch } from './nats-bucket-watch.ts';
import { keyOf, liveInstances, readStates, storedValueOf } from './nats-registry-entries.ts';

export interface NatsRegistryOptions {
  /** NATS server URL(s), comma-separated: `nats://127.0.0.1:4222`. */
  url: string;
  /** The KV bucket (default `emporium_registry`); letters, digits, '-' and '_'. */
  bucket?: string;
  settings?: Partial<RegistrySettings>;
  logger?: Logger;
}

const BUCKET = /^[A-Za-z0-9_-]+$/;

export function createNatsRegistry(options: NatsRegistryOptions): ServiceRegistry {
  const settings = resolveRegistrySettings(options.settings);
  const bucket = options.bucket ?? 'emporium_registry';
  if (!BUCKET.test(bucket))
    throw new Error(`bucket name "${bucket}" may use letters, digits, '-' and '_' only`);
  const address = redactedAddress(options.url);
  const warn = warnThrough(options.logger);
  // A request that takes longer than a heartbeat has failed; the next tick tries again.
  const timeoutMs = Math.max(1_000, settings.heartbeatMs);
  const registrations = new Set<Registration>();
  const watches = new Set<BucketWatch>();
  let closing: Promise<void> | undefined;
  let closed = false;
  const closedError = () => new Error(`the nats service registry at ${address} is closed`);

  let opening: Promise<{ connection: NatsConnection; kv: KV; following: Promise<void> }> | undefined;
  const open = () => {
    if (!opening) {
      const attempt = openBucket();
      opening = attempt;
      // A failed attempt (no server) is made again by the next call.
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
    }
    return opening;
  };

  async function openBucket() {
    const connection = await connect({
      servers: options.url.split(',').map((server) => server.trim()),
      name: 'emporium-registry',
      timeout: timeoutMs,
      // A service outlives any outage of the registry: keep reconnecting rather than close,
      // and at least once a heartbeat, so instances are back well within their TTL.
      maxReconnectAttempts: -1,
      reconnectTimeWait: Math.min(2_000, settings.heartbeatMs),
    });
    try {
      const kv = await createOrOpenBucket(new Kvm(jetstream(connection, { timeout: timeoutMs })));
      const following = followConnection(connection).catch((error: Error) =>
        warn(error, 'stopped following the NATS connection'),
      );
      return { connection, kv, following };
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async function createOrOpenBucket(kvm: Kvm): Promise<KV> {
    const wanted = { ttl: settings.ttlMs, history: 1, description: 'emporium service registry' };
    let kv: KV;
    try {
      kv = await kvm.create(bucket, wanted);
    } catch {
      // Two processes creating it at once with other TTLs: the loser finds it there now.
      kv = await kvm.create(bucket, wanted);
    }
    const { ttl } = await kv.status();
    if (ttl > 0 && ttl < settings.ttlMs) {
      warn(
        new Error(
          `bucket ${bucket} keeps keys ${ttl} ms, less than this registry's TTL of ${settings.ttlMs} ms`,
        ),
        'live instances may be missing from registry lists between heartbeats',
      );
    }
    return kv;
  }

  async function followConnection(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        const lost = new RegistryUnavailableError('nats', address, `lost ${status.server}; reconnecting`);
        for (const watch of watches) watch.disconnected(lost);
      }
      if (status.type === 'reconnect') for (const watch of watches) watch.reconnected();
    }
  }

  async function withBucket<T>(work: (kv: KV) => Promise<T>): Promise<T> {
    if (closed) throw closedError();
    try {
      return await work((await open()).kv);
    } catch (error) {
      throw new RegistryUnavailableError('nats', address, asError(error).message, { cause: error });
    }
  }

  return {
    kind: 'nats',
    address,

    async register(given: InstanceAnnouncement) {
      if (closing) throw closedError();
      assertAnnouncement(given);
      const instance = announcementOf(given);
      const key = keyOf(instance.service, instance.id);
      const value = storedValueOf(instance, settings.ttlMs);
      const registration: Registration = await startHeartbeatLoop({
        instance,
        heartbeatMs: settings.heartbeatMs,
        announce: () => withBucket(async (kv) => void (await kv.put(key, value))),
        withdraw: () => withBucket((kv) => kv.delete(key)),
        warn,
        onStop: () => registrations.delete(registration),
      });
      if (closing) {
        // Closed meanwhile: its close() did not see this registration to deregister it.
        await registration.deregister().catch(() => {});
        throw new Error(`the nats service registry at ${address} is closed`);
      }
      registrations.add(registration);
      return registration;
    },

    list(service: string) {
      assertServiceName(service);
      return withBucket(async (kv) =>
        liveInstances(await readStates(kv, `${service}.>`, timeoutMs, warn), Date.now()),
      );
    },

    listAll() {
      return withBucket(async (kv) => liveInstances(await readStates(kv, '>', timeoutMs, warn), Date.now()));
    },

    async watch(service, onChange, onError): Promise<RegistryWatch> {
      if (closing) throw closedError();
      assertServiceName(service);
      const watch = await withBucket((kv) =>
        startBucketWatch({
          kv,
          service,
          ttlMs: settings.ttlMs,
          heartbeatMs: settings.heartbeatMs,
          timeoutMs,
          onChange,
          onError: onError ?? ((error) => warn(error, `watch of ${service} lost the registry`)),
          warn,
        }),
      );
      // Closed meanwhile: its close() did not see this watch and would not stop its timers.
      if (closing) {
        await watch.close();
        throw closedError();
      }
      watches.add(watch);
      return {
        async close() {
          watches.delete(watch);
          await watch.close();
        },
      };
    },

    close() {
      closing ??= (async () => {
        await deregisterAll(registrations, warn);
        await Promise.all([...watches].map((watch) => watch.close()));
        watches.clear();
        closed = true;
        const opened = await opening?.catch(() => undefined);
        if (opened) {
          // Not drain(): it waits for a server, and the server may be the reason for closing.
          // Nothing is left to send: each delete above waited for its acknowledgement.
          await opened.connection.close();
          await opened.following;
        }
      })();
      return closing;
    },
  };
}
