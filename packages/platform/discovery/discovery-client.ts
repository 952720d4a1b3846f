/**
 * Client-side discovery: a cache of each called service's live instances, kept by a registry
 * watch started on the first pick, and a balancer over them. An instance a call failed on
 * is evicted until the registry hears from it again; the cache outlives a registry outage.
 */
import type { Logger } from '../log/index.ts';
import { NoInstanceError, RegistryUnavailableError } from './errors.ts';
import {
  type RegistryWatch,
  type ServiceInstance,
  type ServiceRegistry,
  warnThrough,
} from './service-registry.ts';

export interface DiscoveryClient {
  /**
   * Picks one live, not-evicted instance of `service`. The first pick of a service starts a
   * watch and waits (up to firstAnswerTimeoutMs, or until signal aborts) for the registry's
   * first answer; throws NoInstanceError when there is none, RegistryUnavailableError when the
   * registry cannot be reached and nothing is cached. While the registry is unreachable,
   * cached instances keep being used.
   */
  pick(service: string, options?: { signal?: AbortSignal }): Promise<InstanceLease>;
  /** Cached state for /health and `emporium status`. */
  snapshot(): DiscoverySnapshot;
  /** Ends the watches; the registry itself stays open (it is the caller's). */
  close(): Promise<void>;
}

export type DiscoverySnapshot = Array<{
  service: string;
  instances: Array<{ id: string; rpcUrl: string; zone: string; pending: number; evicted: boolean }>;
}>;

export interface InstanceLease {
  readonly instance: ServiceInstance;
  /**
   * Call exactly once when the call ends (extra calls are ignored). `evict: true` removes the
   * instance from picks until the registry reports a heartbeat later than the eviction.
   */
  release(outcome?: { evict?: boolean }): void;
}

export interface DiscoveryClientOptions {
  /** round-robin (default), or least-pending: the instance with the fewest calls in flight. */
  balancing?: 'round-robin' | 'least-pending';
  /** How long a first pick waits for the registry's first answer (default 3 000 ms). */
  firstAnswerTimeoutMs?: number;
  logger?: Logger;
}

/** How long a NoInstanceError waits to name the services that are registered. */
const LIVE_SERVICES_TIMEOUT_MS = 1_000;

interface CachedService {
  service: string;
  instances: ServiceInstance[];
  answered: boolean;
  firstAnswer: Promise<void>;
  answer(): void;
  fail(error: Error): void;
  /** Per evicted instance, the heartbeatAt the registry had reported when it was evicted. */
  evicted: Map<string, number>;
  pending: Map<string, number>;
  turn: number;
  watch: RegistryWatch | undefined;
}

export function createDiscoveryClient(
  registry: ServiceRegistry,
  options: DiscoveryClientOptions = {},
): DiscoveryClient {
  const balancing = options.balancing ?? 'round-robin';
  const firstAnswerTimeoutMs = options.firstAnswerTimeoutMs ?? 3_000;
  const warn = warnThrough(options.logger);
  const services = new Map<string, CachedService>();
  const starting = new Set<Promise<unknown>>();
  let closed = false;

  function follow(service: string): CachedService {
    let answer = () => {};
    let fail = (_error: Error) => {};
    const firstAnswer = new Promise<void>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
    // Handled by each pick that waits; this only keeps a failure nobody waits for quiet.
    firstAnswer.catch(() => {});
    const cached: CachedService = {
      service,
      instances: [],
      answered: false,
      firstAnswer,
      answer,
      fail,
      evicted: new Map(),
      pending: new Map(),
      turn: 0,
      watch: undefined,
    };
    services.set(service, cached);
    const watching = registry
      .watch(
        service,
        (instances) => update(cached, instances),
        (error) =>
          warn(
            error,
            `discovery of ${service} lost the registry; picking from ${cached.instances.length} cached`,
          ),
      )
      .then(
        (watch) => {
          if (!closed && services.get(service) === cached) {
            cached.watch = watch;
            return;
          }
          return watch
            .close()
            .catch((error: Error) => warn(error, `could not close the watch of ${service}`));
        },
        (error: Error) => {
          // Not cached: the next pick starts a watch again.
          if (services.get(service) === cached) services.delete(service);
          cached.fail(error);
        },
      )
      .finally(() => starting.delete(watching));
    starting.add(watching);
    return cached;
  }

  function update(cached: CachedService, instances: ServiceInstance[]): void {
    cached.instances = instances;
    for (const [id, heartbeatAtEviction] of cached.evicted) {
      const now = instances.find((instance) => instance.id === id);
      // Compared with the registry's own earlier report, not this host's clock.
      if (!now || now.heartbeatAt.getTime() > heartbeatAtEviction) cached.evicted.delete(id);
    }
    if (!cached.answered) {
      cached.answered = true;
      cached.answer();
    }
  }

  function waitForFirstAnswer(cached: CachedService, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        settle();
      };
      const aborted = () => finish(() => reject(signal?.reason));
      const timer = setTimeout(() => {
        const reason = `it gave no answer about '${cached.service}' within ${firstAnswerTimeoutMs} ms`;
        finish(() => reject(new RegistryUnavailableError(registry.kind, registry.address, reason)));
      }, firstAnswerTimeoutMs);
      signal?.addEventListener('abort', aborted, { once: true });
      cached.firstAnswer.then(
        () => finish(resolve),
        (error: Error) => finish(() => reject(error)),
      );
    });
  }

  async function liveServices(): Promise<string[] | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LIVE_SERVICES_TIMEOUT_MS);
    });
    try {
      const all = await Promise.race([registry.listAll(), deadline]);
      return all && [...new Set(all.map((instance) => instance.service))].sort();
    } catch {
      // Only the message loses its list; the caller still learns there is no instance.
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  function choose(cached: CachedService, candidates: ServiceInstance[]): ServiceInstance {
    const turn = cached.turn++;
    const pendingOf = (instance: ServiceInstance) => cached.pending.get(instance.id) ?? 0;
    const fewest = Math.min(...candidates.map(pendingOf));
    const eligible =
      balancing === 'least-pending'
        ? candidates.filter((instance) => pendingOf(instance) === fewest)
        : candidates;
    return eligible[turn % eligible.length] ?? candidates[0]!;
  }

  function lease(cached: CachedService, instance: ServiceInstance): InstanceLease {
    cached.pending.set(instance.id, (cached.pending.get(instance.id) ?? 0) + 1);
    let released = false;
    return {
      instance,
      release(outcome = {}) {
        if (released) return;
        released = true;
        const left = (cached.pending.get(instance.id) ?? 1) - 1;
        if (left > 0) cached.pending.set(instance.id, left);
        else cached.pending.delete(instance.id);
        if (outcome.evict) {
          const known = cached.instances.find((candidate) => candidate.id === instance.id) ?? instance;
          cached.evicted.set(instance.id, known.heartbeatAt.getTime());
        }
      },
    };
  }

  return {
    async pick(service, { signal } = {}) {
      if (closed) throw new Error('the discovery client is closed');
      signal?.throwIfAborted();
      const cached = services.get(service) ?? follow(service);
      if (!cached.answered) await waitForFirstAnswer(cached, signal);
      const candidates = cached.instances.filter((instance) => !cached.evicted.has(instance.id));
      if (candidates.length === 0) {
        if (cached.instances.length > 0) throw NoInstanceError.allEvicted(service, cached.instances.length);
        throw NoInstanceError.notRegistered(service, await liveServices());
      }
      return lease(cached, choose(cached, candidates));
    },

    snapshot() {
      return [...services.values()]
        .sort((a, b) => (a.service < b.service ? -1 : 1))
        .map((cached) => ({
          service: cached.service,
          instances: cached.instances.map((instance) => ({
            id: instance.id,
            rpcUrl: instance.rpcUrl,
            zone: instance.zone,
            pending: cached.pending.get(instance.id) ?? 0,
            evicted: cached.evicted.has(instance.id),
          })),
        }));
    },

    async close() {
      closed = true;
      const watched = [...services.values()];
      // A watch still starting closes itself once it has started, as it is no longer cached.
      services.clear();
      for (const cached of watched) {
        if (!cached.answered) cached.fail(new Error('the discovery client is closed'));
      }
      await Promise.all(starting);
      await Promise.all(watched.map((cached) => cached.watch?.close()));
    },
  };
}
