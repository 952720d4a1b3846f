import {
  type RunningPostgres,
  readPostmasterPid,
  startEmbeddedPostgres as startChassisPostgres,
} from '@emporium/platform/db';
import { commandLineOf, isProcessAlive, signalIfAlive, waitForExit } from '@emporium/platform/host';
import { CliError } from '../cli-error.ts';

/** The cluster services' databases live on: embedded, or one the operator gave. */
export interface PostgresServer {
  /** Superuser URL, used only to provision databases and roles. */
  adminUrl: string;
  embedded: boolean;
  port: number;
  /** The postmaster's pid, when embedded. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresSettings {
  dataDir: string;
  /** EMPORIUM_HOME, inside which permissions may be adjusted for the postgres user. */
  home: string;
  port: number;
  superuserPassword: string;
  /** Steps, such as "initialising a new PostgreSQL cluster". */
  onProgress(line: string): void;
  /** Server output worth an operator's attention (warnings and errors). */
  onServerLog(line: string): void;
}

/** How long an orphaned server gets for fast shutdown before immediate shutdown. */
const STOP_TIMEOUT_MS = 20_000;

export function externalPostgres(adminUrl: string): PostgresServer {
  return {
    adminUrl,
    embedded: false,
    port: Number(new URL(adminUrl).port || 5432),
    pid: undefined,
    stop: async () => {},
  };
}

/** Starts the embedded server on its own port, initialising the cluster on first use. */
export async function startEmbeddedPostgres(settings: EmbeddedPostgresSettings): Promise<PostgresServer> {
  let running: RunningPostgres;
  try {
    running = await startChassisPostgres({
      dataDir: settings.dataDir,
      ownedRoot: settings.home,
      port: settings.port,
      superuserPassword: settings.superuserPassword,
      onProgress: settings.onProgress,
      onLog: (line) => {
        if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) settings.onServerLog(line);
      },
    });
  } catch (error) {
    throw new CliError(
      'POSTGRES_FAILED',
      `${(error as Error).message}\n(data in ${settings.dataDir}; port from EMPORIUM_POSTGRES_PORT, now ${settings.port})`,
    );
  }
  return {
    adminUrl: running.adminUrl,
    embedded: true,
    port: settings.port,
    pid: running.pid,
    stop: running.stop,
  };
}

/**
 * A supervisor killed with SIGKILL cannot stop its PostgreSQL, which then keeps the data
 * directory locked and its port taken. The caller holds this EMPORIUM_HOME's state file, so
 * no live `up` owns that server: stop it (fast shutdown) before starting ours.
 */
export async function stopOrphanedPostmaster(
  dataDir: string,
  onProgress: (line: string) => void,
): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined || !isProcessAlive(pid)) return;
  // Only a process that is a postgres server; a reused pid is left alone (PostgreSQL
  // itself then sees the stale lock file and starts anyway).
  if (!(await commandLineOf(pid))?.includes('postgres')) return;
  onProgress(`stopping the PostgreSQL server (pid ${pid}) an earlier \`up\` left running`);
  signalIfAlive(pid, 'SIGINT');
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  signalIfAlive(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 5_000))) {
    throw new CliError('POSTGRES_FAILED', `a PostgreSQL server (pid ${pid}) still holds ${dataDir}`);
  }
}

/** One line saying which server this run uses, without its password. */
export function describePostgres(server: PostgresServer): string {
  return server.embedded
    ? `embedded PostgreSQL on 127.0.0.1:${server.port} (pid ${server.pid ?? 'unknown'})`
    : `PostgreSQL at ${redactUrl(server.adminUrl)} (EMPORIUM_POSTGRES_URL)`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
