import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/index.ts';

export interface TestPostgres {
  /** Superuser URL to provision test databases with. */
  adminUrl: string;
  /** Where it came from, for one line of output. */
  description: string;
  /** Stops and removes an embedded server; nothing for a given one. */
  release(): Promise<void>;
}

/**
 * The PostgreSQL that tests and benchmarks use: TEST_DATABASE_ADMIN_URL when set, else the
 * server on 127.0.0.1:5432 when it answers, else an embedded one started for this run (also
 * when TEST_POSTGRES=embedded), so a machine with no database installed works too.
 */
export async function findTestPostgres(onProgress: (line: string) => void = () => {}): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_ADMIN_URL;
  if (given)
    return {
      adminUrl: given,
      description: `${redact(given)} (TEST_DATABASE_ADMIN_URL)`,
      release: async () => {},
    };
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  const forceEmbedded = process.env.TEST_POSTGRES === 'embedded';
  if (!forceEmbedded && (await answers(local))) {
    return { adminUrl: local, description: 'the server on 127.0.0.1:5432', release: async () => {} };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-test-pg-'));
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'data'),
    ownedRoot: dataDir,
    port: await freePort(),
    superuserPassword: randomBytes(12).toString('hex'),
    onProgress,
  });
  return {
    adminUrl: embedded.adminUrl,
    description: forceEmbedded
      ? 'an embedded server started for this run (TEST_POSTGRES=embedded)'
      : 'an embedded server started for this run (nothing answers on 127.0.0.1:5432)',
    async release() {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A TCP port on 127.0.0.1 nothing listens on, never the same one twice in a process. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unusedPort();
    // Free now but held by nobody until the caller binds it, so the OS may offer it again:
    // a port is handed out once per process, so a fixture's ports never collide.
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

const handedOut = new Set<number>();

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}
