import { CliError } from './cli-error.ts';
import type { ServiceSettings } from './cli-settings.ts';
import { variablePrefix } from './services.ts';

/** `--scale` accepts 1 to this many instances: enough to watch balancing and failover on a laptop. */
export const MAX_INSTANCES = 9;
/** Instance i listens on the service's ports + this × i, so catalog-2 is 5002/5102 beside 4002/4102. */
export const SCALE_PORT_STEP = 1000;

/** One process's worth of a service: the service itself, or one of its replicas under `--scale`. */
export interface ServiceInstance {
  service: ServiceSettings;
  /** 0-based, in the order started. */
  index: number;
  /** How the supervisor shows it: `catalog-2`; the plain name when the service runs once. */
  label: string;
  /** INSTANCE_ID, its name in the registry: `catalog-2`. */
  instanceId: string;
  port: number;
  rpcPort: number;
  url: string;
  rpcUrl: string;
}

/**
 * Every instance to run, services in start order and each service's instances together.
 * Replicas share the service's database; each gets its own pair of ports.
 */
export function planInstances(
  selected: readonly ServiceSettings[],
  scale: ReadonlyMap<string, number>,
  host: string,
): ServiceInstance[] {
  const problems: string[] = [];
  const instances = selected.flatMap((service) => {
    const name = service.definition.name;
    const count = scale.get(name) ?? 1;
    const last = count - 1;
    const prefix = variablePrefix(name);
    for (const [variable, base] of [
      [`${prefix}_PORT`, service.port],
      [`${prefix}_RPC_PORT`, service.rpcPort],
    ] as const) {
      if (base + SCALE_PORT_STEP * last > 65535) {
        problems.push(
          `${variable}: ${base} + ${SCALE_PORT_STEP} × ${last} for ${name}-${count} is past 65535; choose a lower ${variable}`,
        );
      }
    }
    return Array.from({ length: count }, (_, index): ServiceInstance => {
      const port = service.port + SCALE_PORT_STEP * index;
      const rpcPort = service.rpcPort + SCALE_PORT_STEP * index;
      return {
        service,
        index,
        label: count === 1 ? name : `${name}-${index + 1}`,
        instanceId: `${name}-${index + 1}`,
        port,
        rpcPort,
        url: `http://${host}:${port}`,
        rpcUrl: `http://${host}:${rpcPort}`,
      };
    });
  });
  if (problems.length > 0) {
    throw new CliError(
      'SETTINGS_INVALID',
      `invalid settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  return instances;
}
