import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { ServiceSettings } from '../cli-settings.ts';
import { MAX_INSTANCES, SCALE_PORT_STEP } from '../instance-plan.ts';
import { SERVICES } from '../services.ts';

const serviceNames = SERVICES.map((service) => service.name).join(', ');

export const upUsage = `Usage: emporium up [--only <service>[,<service>...]] [--scale <service>=<n>[,...]]
                  [--topology microservices|monolith]

Runs the platform on this machine and supervises it until stopped:
  1. PostgreSQL: embedded (data in $EMPORIUM_HOME/postgres), or EMPORIUM_POSTGRES_URL
  2. one database and login role per service, and one named platform for the event bus
     and the service registry (unless NATS_URL is set); passwords generated into
     $EMPORIUM_HOME/secrets
  3. every service as its own process (REST on <SERVICE>_PORT, gRPC on <SERVICE>_RPC_PORT),
     restarted with backoff if it dies; or, with --topology monolith, all in one process
  4. waits for each /health/ready, then prints REST and gRPC URLs, pids and the admin login
Ctrl-C (SIGINT) or SIGTERM stops everything gracefully; a second one kills at once.

Options:
  --only <names>         start only these services, comma-separated: ${serviceNames}
  --scale <service>=<n>  run n instances (1 to ${MAX_INSTANCES}) of a service, as replicas sharing its
                         database; instance i listens on the service's ports + ${SCALE_PORT_STEP} × i.
                         Repeatable, or comma-separated: --scale catalog=3,identity=2
  --topology <name>      microservices (default): one process per service instance;
                         monolith: every selected service in one process, calling each
                         other in memory (no --scale)
  -h, --help             show this help

Environment: EMPORIUM_HOME, EMPORIUM_POSTGRES_URL, EMPORIUM_POSTGRES_PORT, <SERVICE>_PORT,
<SERVICE>_RPC_PORT, <SERVICE>_DATABASE_URL, PLATFORM_DATABASE_URL, NATS_URL, ADMIN_EMAIL,
LOG_LEVEL, LOG_PRETTY, NO_COLOR (tools/cli/README.md describes each).
`;

export type Topology = 'microservices' | 'monolith';

export interface UpOptions {
  help: boolean;
  only: string[] | undefined;
  /** Instances per service, for those `--scale` names; every other service runs once. */
  scale: ReadonlyMap<string, number>;
  topology: Topology;
}

/** `up`'s flags; a usage error (exit status 2) for anything it does not know. */
export function parseUpOptions(argv: readonly string[]): UpOptions {
  let values: { only?: string[]; scale?: string[]; topology?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string', multiple: true },
        scale: { type: 'string', multiple: true },
        topology: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const only = values.only
    ?.flatMap((list) => list.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const topology = parseTopology(values.topology);
  const scale = parseScale(values.scale ?? []);
  if (topology === 'monolith' && scale.size > 0) {
    throw usageError(
      '--scale is not supported with --topology monolith: the monolith is one process hosting every ' +
        'service once; scale the microservices topology instead (leave out --topology)',
    );
  }
  return { help: values.help === true, only, scale, topology };
}

function parseTopology(value: string | undefined): Topology {
  if (value === undefined || value === 'microservices' || value === 'monolith')
    return value ?? 'microservices';
  throw usageError(`--topology: "${value}" is not a topology; use microservices or monolith`);
}

/** `catalog=3`, repeated or comma-separated; a service named twice is refused rather than guessed at. */
export function parseScale(values: readonly string[]): Map<string, number> {
  const scale = new Map<string, number>();
  for (const item of values.flatMap((list) => list.split(','))) {
    const entry = item.trim();
    if (entry === '') continue;
    const match = /^([^=\s]+)=(.*)$/.exec(entry);
    if (!match) throw usageError(`--scale: "${entry}" is not <service>=<n>, e.g. catalog=3`);
    const [, name = '', count = ''] = match;
    if (!SERVICES.some((service) => service.name === name)) {
      throw usageError(`--scale: unknown service "${name}"; the services are ${serviceNames}`);
    }
    if (!/^[0-9]+$/.test(count) || Number(count) < 1 || Number(count) > MAX_INSTANCES) {
      throw usageError(`--scale ${name}: "${count}" is not a number of instances from 1 to ${MAX_INSTANCES}`);
    }
    if (scale.has(name)) throw usageError(`--scale: ${name} is given twice`);
    scale.set(name, Number(count));
  }
  return scale;
}

/** The services `--only` names, in the table's (start) order; all of them without it. */
export function selectServices(
  all: readonly ServiceSettings[],
  only: string[] | undefined,
  scale: ReadonlyMap<string, number> = new Map(),
): ServiceSettings[] {
  const known = all.map((service) => service.definition.name);
  if (only) {
    const unknown = only.filter((name) => !known.includes(name));
    if (only.length === 0 || unknown.length > 0) {
      const problem =
        only.length === 0
          ? 'name at least one service'
          : `unknown service ${unknown.map((name) => `"${name}"`).join(', ')}`;
      throw new CliError('USAGE', `--only: ${problem}; the services are ${known.join(', ')}`, 2);
    }
  }
  const selected = only ? all.filter((service) => only.includes(service.definition.name)) : [...all];
  const unselected = [...scale.keys()].filter(
    (name) => !selected.some((service) => service.definition.name === name),
  );
  if (unselected.length > 0) {
    throw new CliError(
      'USAGE',
      `--scale ${unselected.join(', ')}: not started by this run (--only ${only?.join(',')}); add it to --only`,
      2,
    );
  }
  return selected;
}

function usageError(message: string): CliError {
  return new CliError('USAGE', `${message}\n\n${upUsage}`, 2);
}
