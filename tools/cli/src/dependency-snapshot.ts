import { formatTable } from './format-table.ts';
import type { Palette } from './supervisor/prefixed-output.ts';

/**
 * What a service's `GET /health/dependencies` answers: where it finds others, the resilience
 * policies of every target it has called, and the instances it knows of each target.
 */
export interface DependencySnapshot {
  registry: string;
  policies: TargetPolicy[];
  targets: KnownTarget[];
}

export interface TargetPolicy {
  target: string;
  breaker: string;
  bulkhead: { active: number; queued: number; limit: number; queue: number };
}

export interface KnownTarget {
  service: string;
  instances: Array<{ id: string; rpcUrl: string; zone: string; pending: number; evicted: boolean }>;
}

/** The snapshot as answered (for `--json`), and the fields read from it; or why there is none. */
export type DependencyAnswer =
  | { answered: true; raw: unknown; snapshot: DependencySnapshot }
  | { answered: false; reason: string };

/** Asks one instance; never throws: an instance that does not answer is something to show. */
export async function fetchDependencies(baseUrl: string, timeoutMs: number): Promise<DependencyAnswer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/health/dependencies`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : 'unreachable';
    return { answered: false, reason };
  }
  const raw: unknown = await response.json().catch(() => undefined);
  if (!response.ok) return { answered: false, reason: `answered ${response.status}` };
  const snapshot = readSnapshot(raw);
  return snapshot
    ? { answered: true, raw, snapshot }
    : { answered: false, reason: 'answered something else' };
}

/** The fields `status` shows; what it does not know is left out rather than refused. */
export function readSnapshot(value: unknown): DependencySnapshot | undefined {
  if (!isRecord(value)) return undefined;
  const policies = (Array.isArray(value.policies) ? value.policies : []).flatMap((entry): TargetPolicy[] => {
    if (!isRecord(entry) || typeof entry.target !== 'string') return [];
    const bulkhead = isRecord(entry.bulkhead) ? entry.bulkhead : {};
    return [
      {
        target: entry.target,
        breaker: typeof entry.breaker === 'string' ? entry.breaker : 'unknown',
        bulkhead: {
          active: count(bulkhead.active),
          queued: count(bulkhead.queued),
          limit: count(bulkhead.limit),
          queue: count(bulkhead.queue),
        },
      },
    ];
  });
  const targets = (Array.isArray(value.targets) ? value.targets : []).flatMap((entry): KnownTarget[] => {
    if (!isRecord(entry) || typeof entry.service !== 'string') return [];
    const instances = (Array.isArray(entry.instances) ? entry.instances : []).flatMap((instance) =>
      isRecord(instance) && typeof instance.id === 'string'
        ? [
            {
              id: instance.id,
              rpcUrl: typeof instance.rpcUrl === 'string' ? instance.rpcUrl : '',
              zone: typeof instance.zone === 'string' ? instance.zone : '',
              pending: count(instance.pending),
              evicted: instance.evicted === true,
            },
          ]
        : [],
    );
    return [{ service: entry.service, instances }];
  });
  return { registry: typeof value.registry === 'string' ? value.registry : 'unknown', policies, targets };
}

/** One block per instance, indented: its registry, then a row per target it calls or watches. */
export function formatDependencies(
  instances: ReadonlyArray<{ instance: string; dependencies: DependencyAnswer | undefined }>,
  colors: Palette,
): string {
  const blocks = instances.map(({ instance, dependencies }) => {
    if (!dependencies) return `  ${instance}: not running`;
    if (!dependencies.answered) return `  ${instance}: ${colors.red(dependencies.reason)}`;
    const { registry, policies, targets } = dependencies.snapshot;
    const names = [
      ...new Set([...policies.map((policy) => policy.target), ...targets.map((target) => target.service)]),
    ];
    const heading = `  ${instance}: registry ${registry}`;
    if (names.length === 0) return `${heading}; no outbound calls yet`;
    const rows = names.sort().map((name) => {
      const policy = policies.find((candidate) => candidate.target === name);
      const known = targets.find((candidate) => candidate.service === name);
      return [
        name,
        policy ? paintBreaker(policy.breaker, colors) : '-',
        policy
          ? `${policy.bulkhead.active} active, ${policy.bulkhead.queued} queued (limit ${policy.bulkhead.limit}, queue ${policy.bulkhead.queue})`
          : '-',
        known ? describeInstances(known, colors) : '-',
      ];
    });
    return `${heading}\n${formatTable(['target', 'breaker', 'bulkhead', 'instances'], rows, '    ')}`;
  });
  return `${blocks.join('\n')}\n`;
}

function describeInstances(target: KnownTarget, colors: Palette): string {
  if (target.instances.length === 0) return colors.yellow('none registered');
  return target.instances
    .map((instance) => {
      const where = `${instance.id} ${instance.rpcUrl}${instance.zone ? ` ${instance.zone}` : ''}`;
      return instance.evicted
        ? `${where} ${colors.red('(evicted)')}`
        : `${where}${instance.pending > 0 ? ` (${instance.pending} pending)` : ''}`;
    })
    .join(', ');
}

function paintBreaker(state: string, colors: Palette): string {
  if (state === 'closed') return colors.green(state);
  if (state === 'half-open') return colors.yellow(state);
  return colors.red(state);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
