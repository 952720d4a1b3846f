import type { Transport } from '@connectrpc/connect';
import {
  connectRegistry,
  createDiscoveryClient,
  type DiscoveryClient,
  type DiscoverySnapshot,
  type ServiceRegistry,
} from '../discovery/index.ts';
import type { Logger } from '../log/index.ts';
import type { Metrics } from '../metrics/index.ts';
import {
  createResilience,
  resilienceOptionsFromConfig,
  type TargetPolicyState,
} from '../resilience/index.ts';
import { isRetryable, isTargetFailure, RpcClients } from '../rpc/index.ts';
import type { HostConfig } from './host-config.ts';

export interface OutboundRpc {
  /** Where this instance registers; undefined when discovery is off (DISCOVERY=none, or nothing configured). */
  registry: ServiceRegistry | undefined;
  clients: RpcClients;
  /** For `/health/dependencies` and `emporium status`: breakers, bulkheads, known instances. */
  snapshot(): { registry: string; policies: TargetPolicyState[]; targets: DiscoverySnapshot };
  close(): Promise<void>;
}

/** Everything a module's outbound calls go through: registry, discovery cache, policies, clients. */
export async function startOutboundRpc(options: {
  config: HostConfig;
  logger: Logger;
  metrics: Metrics;
  registry: ServiceRegistry | undefined;
  local: ReadonlyMap<string, Transport> | undefined;
}): Promise<OutboundRpc> {
  const { config, logger } = options;
  const owned = options.registry ? undefined : connectRegistry({ DISCOVERY: 'auto', ...config }, logger);
  const registry = options.registry ?? owned;
  const discovery: DiscoveryClient | undefined =
    registry && createDiscoveryClient(registry, { balancing: config.RPC_BALANCING ?? 'round-robin', logger });
  const resilience = createResilience({
    metrics: options.metrics,
    ...resilienceOptionsFromConfig(config),
    isFailure: isTargetFailure,
    isRetryable,
    // A unary attempt that returned left nothing in flight, and a stream is cut loose from its
    // attempt's signal once open (RpcClients): aborting each attempt would only cost a DOMException.
    abortAttemptsOnReturn: false,
  });
  const clients = new RpcClients({ discovery, resilience, local: options.local });
  return {
    registry,
    clients,
    snapshot: () => ({
      registry: registry?.kind ?? 'none',
      policies: resilience.snapshot(),
      targets: discovery?.snapshot() ?? [],
    }),
    async close() {
      await clients.close();
      await discovery?.close();
      await owned?.close();
    },
  };
}
