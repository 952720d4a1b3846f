/**
 * A registry of fixed addresses, for Kubernetes: each service is its Service's DNS name
 * (`http://catalog:4102`), which the cluster keeps pointing at live pods. Nothing registers
 * here; register() hands back a handle that does nothing.
 */
import type { Logger } from '../../log/index.ts';
import {
  announcementOf,
  assertAnnouncement,
  assertServiceName,
  byServiceAndId,
  guarded,
  type InstanceAnnouncement,
  type RegistryWatch,
  resolveRegistrySettings,
  type ServiceInstance,
  type ServiceRegistry,
  warnThrough,
} from '../service-registry.ts';

/** Per service, its addresses; httpUrl defaults to rpcUrl, id to `<service>@<host:port>`. */
export type StaticServices = Record<string, Array<Partial<InstanceAnnouncement> & { rpcUrl: string }>>;

export interface StaticRegistryOptions {
  logger?: Logger;
  /**
   * How often a watch reports the fixed list again, each time with a fresh heartbeatAt (default
   * 3 333 ms, a default TTL / 3). The addresses never go away, so this is what lets a client
   * try an instance again after evicting it for a failed call.
   */
  heartbeatMs?: number;
}

export function createStaticRegistry(
  services: StaticServices,
  options: StaticRegistryOptions = {},
): ServiceRegistry {
  const heartbeatMs = options.heartbeatMs ?? resolveRegistrySettings().heartbeatMs;
  if (!(Number.isInteger(heartbeatMs) && heartbeatMs >= 10)) {
    throw new Error(`heartbeatMs must be an integer ≥ 10, not ${heartbeatMs}`);
  }
  const fixed: InstanceAnnouncement[] = Object.entries(services).flatMap(([service, addresses]) => {
    assertServiceName(service);
    return addresses.map((address) => {
      if (address.service !== undefined && address.service !== service) {
        throw new Error(`an address listed under ${service} names service ${address.service}`);
      }
      const instance: InstanceAnnouncement = {
        service,
        id: address.id ?? `${service}@${hostOf(address.rpcUrl)}`,
        rpcUrl: address.rpcUrl,
        httpUrl: address.httpUrl ?? address.rpcUrl,
        version: address.version ?? 'unknown',
        zone: address.zone ?? 'unknown',
      };
      assertAnnouncement(instance);
      return instance;
    });
  });
  const warn = warnThrough(options.logger);
  const watches = new Set<NodeJS.Timeout>();
  const live = (service?: string): ServiceInstance[] => {
    const heartbeatAt = new Date();
    return fixed
      .filter((instance) => service === undefined || instance.service === service)
      .map((instance) => ({ ...instance, heartbeatAt }))
      .sort(byServiceAndId);
  };

  return {
    kind: 'static',
    address: 'fixed addresses (STATIC_SERVICES)',
    async register(instance) {
      assertAnnouncement(instance);
      return { instance: announcementOf(instance), deregister: async () => {} };
    },
    async list(service) {
      assertServiceName(service);
      return live(service);
    },
    async listAll() {
      return live();
    },
    async watch(service, onChange): Promise<RegistryWatch> {
      assertServiceName(service);
      onChange(live(service));
      const tell = guarded(onChange, warn, `a watcher of ${service}`);
      const timer = setInterval(() => tell(live(service)), heartbeatMs);
      watches.add(timer);
      return {
        async close() {
          clearInterval(timer);
          watches.delete(timer);
        },
      };
    },
    async close() {
      for (const timer of watches) clearInterval(timer);
      watches.clear();
    },
  };
}

function hostOf(url: string): string {
  return (URL.canParse(url) && new URL(url).host) || url;
}
