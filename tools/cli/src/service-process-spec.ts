import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Environment, ServiceSettings } from './cli-settings.ts';
import type { ServiceRunContext } from './services.ts';
import type { ProcessSpec } from './supervisor/supervised-process.ts';

export interface ServiceProcessInputs {
  service: ServiceSettings;
  host: string;
  databaseUrl: string;
  /** Where events travel: BUS_DATABASE_URL, or NATS_URL (see planEventBus). */
  eventBus: Record<string, string>;
  run: ServiceRunContext;
  parentEnv: Environment;
  repoRoot: string;
  /** LOG_PRETTY=true: the supervisor prints to a terminal. */
  prettyLogs: boolean;
  /** FORCE_COLOR=1: a child's stdout is our pipe, not the terminal, so it cannot tell. */
  color: boolean;
}

const EXIT_WITH_SUPERVISOR = pathToFileURL(
  join(import.meta.dirname, 'supervisor', 'exit-with-supervisor.ts'),
).href;

/**
 * How a service is started: `node --import tsx --import @emporium/platform/tracing/register
 * services/<name>/src/main.ts` from the repository root, plus the supervisor's own preload,
 * with the parent's environment and, over it, what the supervisor decides.
 */
export function serviceProcessSpec(inputs: ServiceProcessInputs): ProcessSpec {
  const { service, run } = inputs;
  const name = service.definition.name;
  const own: Record<string, string> = {
    PORT: String(service.port),
    HOST: inputs.host,
    DATABASE_URL: inputs.databaseUrl,
    ...inputs.eventBus,
    OTEL_SERVICE_NAME: name,
    EMPORIUM_SUPERVISOR_PID: String(process.pid),
    ...(inputs.prettyLogs ? { LOG_PRETTY: 'true' } : {}),
    ...(inputs.color ? { FORCE_COLOR: '1' } : {}),
    ...service.definition.environment(run),
  };
  const env: Record<string, string | undefined> = { ...inputs.parentEnv };
  // The chassis's loadConfig prefers `<NAME>_FILE` to `<NAME>`: an inherited DATABASE_URL_FILE
  // would quietly win over the DATABASE_URL set here.
  for (const variable of Object.keys(own)) delete env[`${variable}_FILE`];
  return {
    name,
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      '--import',
      '@emporium/platform/tracing/register',
      '--import',
      EXIT_WITH_SUPERVISOR,
      service.definition.entry,
    ],
    cwd: inputs.repoRoot,
    env: { ...env, ...own },
  };
}
