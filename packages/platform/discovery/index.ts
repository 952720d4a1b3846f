export {
  connectRegistry,
  type DiscoverySettings,
  discoveryConfig,
  parseStaticServices,
} from './connect-registry.ts';
export {
  createDiscoveryClient,
  type DiscoveryClient,
  type DiscoveryClientOptions,
  type DiscoverySnapshot,
  type InstanceLease,
} from './discovery-client.ts';
export { NoInstanceError, RegistryUnavailableError } from './errors.ts';
export { createNatsRegistry, type NatsRegistryOptions } from './registry/nats-registry.ts';
export { createPostgresRegistry, type PostgresRegistryOptions } from './registry/postgres-registry.ts';
export {
  createStaticRegistry,
  type StaticRegistryOptions,
  type StaticServices,
} from './registry/static-registry.ts';
export type {
  InstanceAnnouncement,
  Registration,
  RegistrySettings,
  RegistryWatch,
  ServiceInstance,
  ServiceRegistry,
} from './service-registry.ts';
