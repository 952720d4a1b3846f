import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Environment } from './cli-settings.ts';
import type { ServiceInstance } from './instance-plan.ts';
import type { ServiceRunContext } from './services.ts';
import type { ProcessSpec } from './supervisor/supervised-process.ts';

export interface ServiceEnvironmentInputs {
  instance: ServiceInstance;
  host: string;
  databaseUrl: string;
  /** Where events travel and instances register: BUS_DATABASE_URL and REGISTRY_DATABASE_URL, or NATS_URL (see planPlatform). */
  platform: Record<string, string>;
  run: ServiceRunContext;
}

/** How the supervisor's processes print and where they run; the same for every process of a run. */
export interface ProcessInputs {
  parentEnv: Environment;
  repoRoot: string;
  /** LOG_PRETTY=true: the supervisor prints to a terminal. */
  prettyLogs: boolean;
  /** FORCE_COLOR=1: a child's stdout is our pipe, not the terminal, so it cannot tell. */
  color: boolean;
}

export const EXIT_WITH_SUPERVISOR = pathToFileURL(
  join(import.meta.dirname, 'supervisor', 'exit-with-supervisor.ts'),
).href;

/** `node --import tsx --import <tracing> --import <exit-with-supervisor> <entry>`, from the repository root. */
export function nodeArgs(entry: string): string[] {
  return [
    '--import',
    'tsx',
    '--import',
    '@emporium/platform/tracing/register',
    '--import',
    EXIT_WITH_SUPERVISOR,
    entry,
  ];
}

/** The variables `up` decides for one instance, over whatever the parent environment holds. */
export function serviceEnvironment(inputs: ServiceEnvironmentInputs): Record<string, string> {
  const { instance, run } = inputs;
  return {
    PORT: String(instance.port),
    RPC_PORT: String(instance.rpcPort),
    HOST: inputs.host,
    INSTANCE_ID: instance.instanceId,
    DATABASE_URL: inputs.databaseUrl,
    ...inputs.platform,
    OTEL_SERVICE_NAME: instance.service.definition.name,
    ...instance.service.definition.environment(run),
  };
}

/** What every process of the run gets, whatever it hosts. */
export function supervisionEnvironment(inputs: ProcessInputs): Record<string, string> {
  return {
    EMPORIUM_SUPERVISOR_PID: String(process.pid),
    ...(inputs.prettyLogs ? { LOG_PRETTY: 'true' } : {}),
    ...(inputs.color ? { FORCE_COLOR: '1' } : {}),
  };
}

/**
 * The parent's environment with `own` over it. The chassis's loadConfig prefers `<NAME>_FILE`
 * to `<NAME>`: an inherited DATABASE_URL_FILE would quietly win over the DATABASE_URL set
 * here, so the `_FILE` twin of every variable in `decided` is dropped.
 */
export function childEnvironment(
  parentEnv: Environment,
  own: Record<string, string>,
  decided: Iterable<string> = Object.keys(own),
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...parentEnv };
  for (const variable of decided) delete env[`${variable}_FILE`];
  return { ...env, ...own };
}

/**
 * How one instance is started: `node --import tsx --import @emporium/platform/tracing/register
 * services/<name>/src/main.ts` from the repository root, plus the supervisor's own preload,
 * with the parent's environment and, over it, what the supervisor decides.
 */
export function serviceProcessSpec(service: ServiceEnvironmentInputs, inputs: ProcessInputs): ProcessSpec {
  const own = { ...supervisionEnvironment(inputs), ...serviceEnvironment(service) };
  return {
    name: service.instance.label,
    command: process.execPath,
    args: nodeArgs(service.instance.service.definition.entry),
    cwd: inputs.repoRoot,
    env: childEnvironment(inputs.parentEnv, own),
  };
}
