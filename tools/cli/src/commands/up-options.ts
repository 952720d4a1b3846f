import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { ServiceSettings } from '../cli-settings.ts';
import { SERVICES } from '../services.ts';

export const upUsage = `Usage: emporium up [--only <service>[,<service>...]]

Runs the platform on this machine and supervises it until stopped:
  1. PostgreSQL: embedded (data in $EMPORIUM_HOME/postgres), or EMPORIUM_POSTGRES_URL
  2. one database and login role per service, and one named platform for the event bus
     (unless NATS_URL is set); passwords generated into $EMPORIUM_HOME/secrets
  3. every service as its own process, restarted with backoff if it dies
  4. waits for each /health/ready, then prints URLs, pids and the admin login
Ctrl-C (SIGINT) or SIGTERM stops everything gracefully; a second one kills at once.

Options:
  --only <names>  start only these services, comma-separated: ${SERVICES.map((service) => service.name).join(', ')}
  -h, --help      show this help

Environment: EMPORIUM_HOME, EMPORIUM_POSTGRES_URL, EMPORIUM_POSTGRES_PORT,
<SERVICE>_PORT, <SERVICE>_DATABASE_URL, PLATFORM_DATABASE_URL, NATS_URL, ADMIN_EMAIL,
LOG_LEVEL, LOG_PRETTY, NO_COLOR (tools/cli/README.md describes each).
`;

export interface UpOptions {
  help: boolean;
  only: string[] | undefined;
}

/** `up`'s flags; a usage error (exit status 2) for anything it does not know. */
export function parseUpOptions(argv: readonly string[]): UpOptions {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        // `--scale <service>=<n>` and `--topology monolith|microservices` will go here.
      },
      strict: true,
      allowPositionals: false,
    });
    const only = values.only
      ?.flatMap((list) => list.split(','))
      .map((name) => name.trim())
      .filter(Boolean);
    return { help: values.help === true, only };
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}\n\n${upUsage}`, 2);
  }
}

/** The services `--only` names, in the table's (start) order; all of them without it. */
export function selectServices(
  all: readonly ServiceSettings[],
  only: string[] | undefined,
): ServiceSettings[] {
  if (!only) return [...all];
  const known = all.map((service) => service.definition.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (only.length === 0 || unknown.length > 0) {
    const problem =
      only.length === 0
        ? 'name at least one service'
        : `unknown service ${unknown.map((name) => `"${name}"`).join(', ')}`;
    throw new CliError('USAGE', `--only: ${problem}; the services are ${known.join(', ')}`, 2);
  }
  return all.filter((service) => only.includes(service.definition.name));
}
