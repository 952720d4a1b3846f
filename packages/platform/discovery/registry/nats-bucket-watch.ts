import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import { asError, guarded, type ServiceInstance, sameInstances, type Warn } from '../service-registry.ts';
import { applyState, type EntryState, liveInstances, readStates, stateOf } from './nats-registry-entries.ts';

export interface BucketWatchOptions {
  kv: KV;
  service: string;
  ttlMs: number;
  heartbeatMs: number;
  timeoutMs: number;
  onChange(instances: ServiceInstance[]): void;
  /** The connection is lost, or following the bucket failed; told once until it works again. */
  onError(error: Error): void;
  warn: Warn;
}

export interface BucketWatch {
  /** The connection dropped: keep the last list as it is (nobody can heartbeat now). */
  disconnected(error: Error): void;
  /** The connection is back: follow the bucket afresh and give every instance a TTL to heartbeat. */
  reconnected(): void;
  close(): Promise<void>;
}

/**
 * Follows one service's keys: a KV watch (every put and delete from its start) and a
 * snapshot read after it (which says when the starting state is complete), ordered by
 * revision. The server (2.9) announces no expiry, so a timer drops an instance whose
 * created + TTL has passed. Rejects when the first follow fails.
 */
export async function startBucketWatch(options: BucketWatchOptions): Promise<BucketWatch> {
  const { kv, service, ttlMs, heartbeatMs, timeoutMs } = options;
  const tell = guarded(options.onChange, options.warn, `a watcher of ${service}`);
  const tellError = guarded(options.onError, options.warn, `a watcher of ${service}`);
  const filter = `${service}.>`;
  let states = new Map<string, EntryState>();
  let last: ServiceInstance[] | undefined;
  let connected = true;
  let graceUntil = 0;
  let stopped = false;
  let reported = false;
  let generation = 0;
  let iterator: QueuedIterator<KvWatchEntry> | undefined;
  let pumping: Promise<void> = Promise.resolve();
  let retry: NodeJS.Timeout | undefined;

  const report = (error: Error) => {
    if (reported || stopped) return;
    reported = true;
    tellError(error);
  };
  const publish = () => {
    const instances = liveInstances(states, Date.now(), graceUntil);
    if (last && sameInstances(instances, last)) return;
    last = instances;
    tell(instances);
  };

  async function follow(): Promise<void> {
    const mine = ++generation;
    const current = () => mine === generation && !stopped;
    const fresh = new Map<string, EntryState>();
    let ready = false;
    const watched = await kv.watch({ key: filter });
    if (!current()) {
      watched.stop();
      return;
    }
    iterator?.stop();
    iterator = watched;
    pumping = (async () => {
      try {
        for await (const entry of watched) {
          applyState(fresh, entry.key, stateOf(entry, options.warn));
          if (ready && current()) publish();
        }
      } catch (error) {
        if (current()) report(asError(error));
      }
      // Ended by itself (its consumer or the bucket went away): start over.
      if (current()) retryLater();
    })();
    let snapshot: Map<string, EntryState>;
    try {
      snapshot = await readStates(kv, filter, timeoutMs, options.warn);
    } catch (error) {
      if (current()) watched.stop();
      throw error;
    }
    if (!current()) return;
    for (const [key, state] of snapshot) applyState(fresh, key, state);
    // A key the bucket no longer holds at all aged out under max_age (2.9 leaves no marker):
    // it leaves by its own expiry rather than all at once after an outage.
    for (const [key, state] of states) if (!fresh.has(key)) fresh.set(key, state);
    states = fresh;
    ready = true;
    reported = false;
    publish();
  }

  function retryLater(): void {
    clearTimeout(retry);
    if (!stopped) retry = setTimeout(restart, heartbeatMs);
  }
  function restart(): void {
    clearTimeout(retry);
    follow().catch((error: Error) => {
      report(error);
      retryLater();
    });
  }

  const expiry = setInterval(
    () => {
      // While the connection is down no instance can heartbeat, so none is dropped for it.
      if (!connected) return;
      const now = Date.now();
      for (const [key, { live }] of states) {
        if (!live || Math.max(live.expiresAt, graceUntil) <= now) states.delete(key);
      }
      publish();
    },
    Math.max(25, Math.round(heartbeatMs / 2)),
  );

  try {
    await follow();
  } catch (error) {
    stopped = true;
    clearInterval(expiry);
    throw error;
  }
  return {
    disconnected(error) {
      connected = false;
      report(error);
    },
    reconnected() {
      connected = true;
      graceUntil = Date.now() + ttlMs;
      restart();
    },
    async close() {
      stopped = true;
      clearInterval(expiry);
      clearTimeout(retry);
      iterator?.stop();
      await pumping;
    },
  };
}
