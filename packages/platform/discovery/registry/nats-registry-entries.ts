/**
 * How the NATS registry's bucket holds instances: key `<service>.<instance token>`, value the
 * announcement as JSON with the TTL its heartbeats keep to. An entry's `created` (the
 * server's time of the last put) is the instance's heartbeatAt; it is live until created +
 * TTL. That is compared with this host's clock, so hosts keep their clocks in sync (NTP) to
 * well within a TTL.
 */
import { createHash } from 'node:crypto';
import type { KV, KvEntry } from '@nats-io/kv';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  asError,
  byServiceAndId,
  type InstanceAnnouncement,
  type ServiceInstance,
  type Warn,
} from '../service-registry.ts';

/** What a key holds; the TTL rides along so that a watcher expires it by its announcer's TTL. */
const StoredAnnouncement = Type.Object({
  service: Type.String(),
  id: Type.String(),
  rpcUrl: Type.String(),
  httpUrl: Type.String(),
  version: Type.String(),
  zone: Type.String(),
  ttlMs: Type.Number({ exclusiveMinimum: 0 }),
});
type StoredAnnouncement = Static<typeof StoredAnnouncement>;

export interface LiveEntry {
  instance: ServiceInstance;
  /** created + TTL, in ms since the epoch. */
  expiresAt: number;
}

/** A key's latest state: a live announcement, or `live: undefined` once deleted. */
export interface EntryState {
  revision: number;
  live: LiveEntry | undefined;
}

/** A key token may not hold '.', '*', '>' or spaces; an id with them gets a hash, so ids stay apart. */
const KEY_TOKEN = /^[A-Za-z0-9_=-]+$/;

export function keyOf(service: string, id: string): string {
  if (KEY_TOKEN.test(id)) return `${service}.${id}`;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  return `${service}.${id.replace(/[^A-Za-z0-9_=-]/g, '_')}-${hash}`;
}

export function storedValueOf(instance: InstanceAnnouncement, ttlMs: number): string {
  const stored: StoredAnnouncement = { ...instance, ttlMs };
  return JSON.stringify(stored);
}

export function stateOf(entry: KvEntry, warn: Warn): EntryState {
  if (entry.operation !== 'PUT') return { revision: entry.revision, live: undefined };
  try {
    const stored = parseStored(entry.string());
    const instance: ServiceInstance = {
      service: stored.service,
      id: stored.id,
      rpcUrl: stored.rpcUrl,
      httpUrl: stored.httpUrl,
      version: stored.version,
      zone: stored.zone,
      heartbeatAt: entry.created,
    };
    return {
      revision: entry.revision,
      live: { instance, expiresAt: entry.created.getTime() + stored.ttlMs },
    };
  } catch (error) {
    // Another program's key, or a future format: not an instance this code can call.
    warn(asError(error), `ignoring registry key ${entry.key}`);
    return { revision: entry.revision, live: undefined };
  }
}

function parseStored(json: string): StoredAnnouncement {
  const value: unknown = JSON.parse(json);
  if (Value.Check(StoredAnnouncement, value)) return value;
  const [first] = Value.Errors(StoredAnnouncement, value);
  throw new Error(`not an announcement: ${first?.path || 'the value'} ${first?.message.toLowerCase() ?? ''}`);
}

/** Keeps the later of two states of a key: a watch and a snapshot may both report it. */
export function applyState(states: Map<string, EntryState>, key: string, state: EntryState): void {
  const known = states.get(key);
  if (!known || known.revision < state.revision) states.set(key, state);
}

/** The live instances among `states` at `now`, none expiring before `notBefore`. */
export function liveInstances(
  states: Map<string, EntryState>,
  now: number,
  notBefore = 0,
): ServiceInstance[] {
  return [...states.values()]
    .flatMap(({ live }) => (live && Math.max(live.expiresAt, notBefore) > now ? [live.instance] : []))
    .sort(byServiceAndId);
}

/** The latest state of every key matching `filter` (`catalog.>`, or `>` for all), read once. */
export async function readStates(
  kv: KV,
  filter: string,
  timeoutMs: number,
  warn: Warn,
): Promise<Map<string, EntryState>> {
  const entries = await kv.history({ key: filter });
  // The iterator ends once it has caught up; a connection lost meanwhile would leave it waiting.
  const timer = setTimeout(
    () => entries.stop(new Error(`the bucket did not list ${filter} within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const states = new Map<string, EntryState>();
    for await (const entry of entries) applyState(states, entry.key, stateOf(entry, warn));
    return states;
  } finally {
    clearTimeout(timer);
  }
}
