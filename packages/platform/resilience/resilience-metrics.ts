import { Counter, Gauge, type Registry } from 'prom-client';
import type { Metrics } from '../metrics/index.ts';

/** The breaker state as a number, so a dashboard can graph it and alert on `> 0`. */
export const BREAKER_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2, isolated: 3 } as const;

export interface LivePolicyState {
  target: string;
  breaker: keyof typeof BREAKER_STATE_VALUE;
  bulkhead: { active: number; queued: number };
}

export interface PolicyCounters {
  retries: Counter<'target'>;
  timeouts: Counter<'target'>;
  rejections: Counter<'target' | 'reason'>;
}

interface RegisteredPolicyMetrics {
  counters: PolicyCounters;
  /** Every Resilience reporting into this registry; the gauges read them all at scrape time. */
  sources: Set<() => LivePolicyState[]>;
}

// A registry refuses a second metric of one name, and several Resilience instances (one per
// module in the monolith topology) may share a service's registry.
const byRegistry = new WeakMap<Registry, RegisteredPolicyMetrics>();

/** The policy metrics of `metrics.registry`, registered on first use; `source` joins the gauges. */
export function policyMetrics(metrics: Metrics, source: () => LivePolicyState[]): PolicyCounters {
  let registered = byRegistry.get(metrics.registry);
  if (!registered) {
    registered = register(metrics.registry);
    byRegistry.set(metrics.registry, registered);
  }
  registered.sources.add(source);
  return registered.counters;
}

function register(registry: Registry): RegisteredPolicyMetrics {
  const sources = new Set<() => LivePolicyState[]>();
  const live = (read: (state: LivePolicyState) => number) =>
    function collect(this: Gauge<'target'>) {
      // Targets are read afresh at every scrape, so the gauge never shows a stale one.
      this.reset();
      for (const source of sources)
        for (const state of source()) this.set({ target: state.target }, read(state));
    };
  const registers = [registry];
  new Gauge({
    name: 'emporium_rpc_breaker_state',
    help: 'Circuit breaker per target: 0 closed, 1 half-open, 2 open, 3 isolated',
    labelNames: ['target'],
    registers,
    collect: live((state) => BREAKER_STATE_VALUE[state.breaker]),
  });
  new Gauge({
    name: 'emporium_rpc_bulkhead_active',
    help: 'Calls to the target running now',
    labelNames: ['target'],
    registers,
    collect: live((state) => state.bulkhead.active),
  });
  new Gauge({
    name: 'emporium_rpc_bulkhead_queued',
    help: 'Calls to the target waiting for a bulkhead slot',
    labelNames: ['target'],
    registers,
    collect: live((state) => state.bulkhead.queued),
  });
  const counters: PolicyCounters = {
    retries: new Counter({
      name: 'emporium_rpc_retries_total',
      help: 'Attempts after the first, per target',
      labelNames: ['target'],
      registers,
    }),
    timeouts: new Counter({
      name: 'emporium_rpc_timeouts_total',
      help: 'Attempts cut short by their timeout or the caller deadline, per target',
      labelNames: ['target'],
      registers,
    }),
    rejections: new Counter({
      name: 'emporium_rpc_rejections_total',
      help: 'Calls refused without reaching the target: circuit_open or bulkhead_full',
      labelNames: ['target', 'reason'],
      registers,
    }),
  };
  return { counters, sources };
}
