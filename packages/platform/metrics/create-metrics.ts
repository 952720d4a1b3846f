import { hostname } from 'node:os';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A service's Prometheus registry, labelled with the service and instance it belongs to. */
export interface Metrics {
  readonly registry: Registry;
  readonly service: string;
}

export interface MetricsOptions {
  service: string;
  /** Defaults to host and pid, as in logs. */
  instance?: string | undefined;
}

/**
 * A registry of the service's own, never prom-client's global one: the monolith topology
 * and tests run several services in one process, and each must expose only its metrics.
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({
    service: options.service,
    instance: options.instance ?? `${hostname()}:${process.pid}`,
  });
  collectDefaultMetrics({ register: registry });
  return { registry, service: options.service };
}
