/**
 * The port every registry back end implements (registry/postgres-registry.ts,
 * registry/nats-registry.ts, registry/static-registry.ts), and what they share: settings and
 * the checks on an announcement.
 */
import type { Logger } from '../log/index.ts';

/** What an instance tells the registry about itself when it starts. */
export interface InstanceAnnouncement {
  /** The service's name, as clients ask for it: `catalog`. */
  service: string;
  /** Unique per process. */
  id: string;
  /** The instance's h2c gRPC/Connect listener: `http://127.0.0.1:4102`; empty when it serves no RPCs. */
  rpcUrl: string;
  /** Its REST listener: `http://127.0.0.1:4002`. */
  httpUrl: string;
  version: string;
  zone: string;
}

export interface ServiceInstance extends InstanceAnnouncement {
  /** When the registry last heard from the instance (register or heartbeat), by the registry's clock. */
  heartbeatAt: Date;
}

export interface ServiceRegistry {
  readonly kind: 'postgres' | 'nats' | 'static';
  /** Where the registry lives, without credentials, for messages and `emporium status`. */
  readonly address: string;
  /**
   * Registers and heartbeats every heartbeatMs until deregister(); a missed TTL removes the
   * instance. Rejects with RegistryUnavailableError when the first announcement fails.
   */
  register(instance: InstanceAnnouncement): Promise<Registration>;
  /** Live instances of one service. */
  list(service: string): Promise<ServiceInstance[]>;
  /** Every live instance of every service (for `emporium status`). */
  listAll(): Promise<ServiceInstance[]>;
  /**
   * Calls onChange with the full live list of `service` at once (before the promise resolves)
   * and after every change, including each heartbeat and each TTL expiry. onError reports a
   * lost registry connection (watching resumes when it comes back). Rejects with
   * RegistryUnavailableError when the registry cannot give its first answer.
   */
  watch(
    service: string,
    onChange: (instances: ServiceInstance[]) => void,
    onError?: (error: Error) => void,
  ): Promise<RegistryWatch>;
  /**
   * Deregisters what this registry registered (best effort), ends its watches, timers and
   * connections.
   */
  close(): Promise<void>;
}

export interface Registration {
  readonly instance: InstanceAnnouncement;
  /** Stops heartbeating and removes the instance at once; safe to call more than once. */
  deregister(): Promise<void>;
}

export interface RegistryWatch {
  close(): Promise<void>;
}

export interface RegistrySettings {
  /** How long an instance stays listed after its last heartbeat (default 10 000 ms). */
  ttlMs: number;
  /** How often a registered instance heartbeats (default ttlMs / 3). */
  heartbeatMs: number;
}

export function resolveRegistrySettings(given: Partial<RegistrySettings> = {}): RegistrySettings {
  const ttlMs = given.ttlMs ?? 10_000;
  const heartbeatMs = given.heartbeatMs ?? Math.round(ttlMs / 3);
  if (!(Number.isInteger(ttlMs) && ttlMs >= 300))
    throw new Error(`ttlMs must be an integer ≥ 300, not ${ttlMs}`);
  // Two heartbeats per TTL at least, or one late heartbeat drops a live instance.
  if (!(Number.isInteger(heartbeatMs) && heartbeatMs >= 50 && heartbeatMs * 2 <= ttlMs)) {
    throw new Error(
      `heartbeatMs must be an integer between 50 and ttlMs / 2 (${ttlMs / 2}), not ${heartbeatMs}`,
    );
  }
  return { ttlMs, heartbeatMs };
}

/**
 * A service name is a NATS key token and a NOTIFY payload in the other back ends, so both
 * accept the same names.
 */
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function assertServiceName(service: string): void {
  if (!SERVICE_NAME.test(service)) {
    throw new Error(`service name "${service}" may use letters, digits, '-' and '_' only`);
  }
}

export function assertAnnouncement(instance: InstanceAnnouncement): void {
  assertServiceName(instance.service);
  if (instance.id.length === 0) throw new Error(`an instance of ${instance.service} needs an id`);
  for (const [field, url] of [
    ['rpcUrl', instance.rpcUrl],
    ['httpUrl', instance.httpUrl],
  ] as const) {
    // An empty rpcUrl says the instance serves no RPCs (REST only).
    if (field === 'rpcUrl' && url === '') continue;
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new Error(
        `${field} of ${instance.service} instance ${instance.id} is not an http(s) URL: "${url}"`,
      );
    }
  }
}

/** Only the announcement's own fields, whatever else the caller's object carries. */
export function announcementOf(instance: InstanceAnnouncement): InstanceAnnouncement {
  const { service, id, rpcUrl, httpUrl, version, zone } = instance;
  return { service, id, rpcUrl, httpUrl, version, zone };
}

/** Whether two answers list the same instances with the same heartbeats (order included). */
export function sameInstances(a: readonly ServiceInstance[], b: readonly ServiceInstance[]): boolean {
  return (
    a.length === b.length &&
    a.every((instance, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        instance.id === other.id &&
        instance.service === other.service &&
        instance.rpcUrl === other.rpcUrl &&
        instance.httpUrl === other.httpUrl &&
        instance.version === other.version &&
        instance.zone === other.zone &&
        instance.heartbeatAt.getTime() === other.heartbeatAt.getTime()
      );
    })
  );
}

/** One order for every back end's answers, so round robin and `emporium status` are stable. */
export function byServiceAndId(a: ServiceInstance, b: ServiceInstance): number {
  return a.service === b.service ? compare(a.id, b.id) : compare(a.service, b.service);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** URLs (comma-separated, as NATS_URL may be) without credentials: what messages may show. */
export function redactedAddress(urls: string): string {
  return urls
    .split(',')
    .map((url) => {
      try {
        const parsed = new URL(url.trim());
        return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
      } catch {
        return '(an unparseable URL)';
      }
    })
    .join(',');
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Trouble no caller can be told of (a failed heartbeat, a lost LISTEN connection) goes here. */
export type Warn = (error: Error, message: string) => void;

export function warnThrough(logger: Logger | undefined): Warn {
  if (logger) return (error, message) => logger.warn({ err: error }, message);
  return (error, message) => process.emitWarning(`${message}: ${error.message}`);
}

/** A watcher's callback that throws must neither end its watch nor reach the event loop. */
export function guarded<Args extends unknown[]>(
  callback: (...args: Args) => void,
  warn: Warn,
  what: string,
): (...args: Args) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      warn(asError(error), `${what} threw`);
    }
  };
}
