import type { Static, TObject } from '@sinclair/typebox';
import type { discoveryConfig } from '../discovery/index.ts';
import type { resilienceConfig } from '../resilience/index.ts';

type DiscoverySettings = Static<TObject<ReturnType<typeof discoveryConfig>>>;
type ResilienceSettings = Static<TObject<ReturnType<typeof resilienceConfig>>>;

/**
 * What every hosted service needs from its configuration (see serviceBaseConfig). The
 * discovery and resilience settings are optional here so tests can leave them out: without
 * a registry a service serves RPCs but finds no one, and policies take their defaults.
 */
export interface HostConfig extends Partial<DiscoverySettings>, Partial<ResilienceSettings> {
  HOST: string;
  PORT: number;
  /** The h2c gRPC listener; 0 picks a free port. Opened only by modules that serve RPCs. */
  RPC_PORT?: number;
  /** The host other instances reach this one at, when HOST is a wildcard such as 0.0.0.0. */
  ADVERTISE_HOST?: string | undefined;
  RPC_BALANCING?: 'round-robin' | 'least-pending';
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  LOG_LEVEL: string;
  LOG_PRETTY: boolean;
  BODY_LIMIT_BYTES: number;
  SHUTDOWN_TIMEOUT_MS: number;
  INSTANCE_ID?: string | undefined;
}
