import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from './cli-error.ts';
import { type ServiceDefinition, variablePrefix } from './services.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Everything `up` keeps lives under EMPORIUM_HOME. */
export interface EmporiumPaths {
  home: string;
  /** The embedded cluster's data directory. */
  postgresDataDir: string;
  /** Generated secrets, mode 0700; each file 0600. */
  secretsDir: string;
  /** run/state.json: what is running, for `status` and for refusing a second `up`. */
  stateFile: string;
}

export function emporiumPaths(env: Environment, repoRoot: string): EmporiumPaths {
  const given = env.EMPORIUM_HOME;
  const home = given ? (isAbsolute(given) ? given : resolve(given)) : join(repoRoot, '.emporium');
  return {
    home,
    postgresDataDir: join(home, 'postgres', 'data'),
    secretsDir: join(home, 'secrets'),
    stateFile: join(home, 'run', 'state.json'),
  };
}

export const DEFAULT_POSTGRES_PORT = 54329;
/** A service's gRPC port is its REST port + this, as the chassis's RPC_PORT default is. */
export const RPC_PORT_OFFSET = 100;
const HOST = '127.0.0.1';

/** Where one service will listen and which database it uses. */
export interface ServiceSettings {
  definition: ServiceDefinition;
  /** REST; the first instance's when scaled (see planInstances). */
  port: number;
  url: string;
  /** gRPC (h2c): `<NAME>_RPC_PORT`, default port + 100. */
  rpcPort: number;
  rpcUrl: string;
  /** From `<NAME>_DATABASE_URL`: use it as it is and provision nothing. */
  givenDatabaseUrl: string | undefined;
}

export interface UpSettings {
  paths: EmporiumPaths;
  host: string;
  /** EMPORIUM_POSTGRES_URL: a superuser URL of a server to use instead of the embedded one. */
  postgresUrl: string | undefined;
  postgresPort: number;
  /** NATS_URL: events ride NATS JetStream there instead of the PostgreSQL bus. */
  natsUrl: string | undefined;
  /** PLATFORM_DATABASE_URL: the `platform` database (the PostgreSQL bus), used as given. */
  platformDatabaseUrl: string | undefined;
  /** Every service in the table, selected or not: a selected one may need another's URL. */
  services: ServiceSettings[];
  /** Ask services for human-readable logs (stdout is a terminal and LOG_PRETTY is not set). */
  prettyLogs: boolean;
  color: boolean;
}

/** Reads and checks every variable `up` uses, reporting all problems at once. */
export function readUpSettings(
  env: Environment,
  repoRoot: string,
  services: readonly ServiceDefinition[],
  stdoutIsTTY: boolean,
): UpSettings {
  const problems: string[] = [];
  const postgresPort = readPort(env, 'EMPORIUM_POSTGRES_PORT', DEFAULT_POSTGRES_PORT, problems);
  const postgresUrl = readPostgresUrl(env, 'EMPORIUM_POSTGRES_URL', problems);
  const natsUrl = readNatsUrl(env, 'NATS_URL', problems);
  const platformDatabaseUrl = readPostgresUrl(env, 'PLATFORM_DATABASE_URL', problems);
  const serviceSettings = services.map((definition): ServiceSettings => {
    const prefix = variablePrefix(definition.name);
    const port = readPort(env, `${prefix}_PORT`, definition.defaultPort, problems);
    const rpcPort = readPort(env, `${prefix}_RPC_PORT`, port + RPC_PORT_OFFSET, problems);
    if (rpcPort > 65535) {
      problems.push(
        `${prefix}_PORT: ${port} leaves no room for its gRPC port (${prefix}_PORT + ${RPC_PORT_OFFSET}); set ${prefix}_RPC_PORT`,
      );
    }
    return {
      definition,
      port,
      url: `http://${HOST}:${port}`,
      rpcPort,
      rpcUrl: `http://${HOST}:${rpcPort}`,
      givenDatabaseUrl: readPostgresUrl(env, `${prefix}_DATABASE_URL`, problems),
    };
  });
  if (problems.length > 0) {
    throw new CliError(
      'SETTINGS_INVALID',
      `invalid settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  return {
    paths: emporiumPaths(env, repoRoot),
    host: HOST,
    postgresUrl,
    postgresPort,
    natsUrl,
    platformDatabaseUrl,
    services: serviceSettings,
    prettyLogs: stdoutIsTTY && !env.LOG_PRETTY,
    color: colorEnabled(env, stdoutIsTTY),
  };
}

/** NO_COLOR (https://no-color.org) wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function colorEnabled(env: Environment, stdoutIsTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stdoutIsTTY;
}

function readPort(env: Environment, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${name}: must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  return port;
}

function readPostgresUrl(env: Environment, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\/./.test(raw)) {
    problems.push(`${name}: must be a postgres:// URL`);
    return undefined;
  }
  return raw;
}

/** The form the services' own configuration accepts (the chassis's eventBusConfig). */
function readNatsUrl(env: Environment, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^(nats|tls):\/\/./.test(raw)) {
    problems.push(`${name}: must be a nats:// or tls:// URL`);
    return undefined;
  }
  return raw;
}
