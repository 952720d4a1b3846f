/**
 * `npm test [-- <path filter>...]`: every `*.test.ts` under packages/, services/, tools/
 * and gateway/, run by Node's test runner against a real PostgreSQL. It uses the server on
 * 127.0.0.1:5432 when one answers, and otherwise starts an embedded one for the run, so the
 * suite passes on a machine with no database installed. TEST_POSTGRES=embedded forces the
 * embedded server; TEST_DATABASE_ADMIN_URL names another superuser URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '@emporium/platform/db';
import pg from 'pg';

const root = join(import.meta.dirname, '..', '..');
const SEARCHED = ['packages', 'services', 'tools', 'gateway'];

async function findTestFiles(filters: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const top of SEARCHED.map((dir) => join(root, dir)).filter(existsSync)) {
    for (const entry of await readdir(top, { recursive: true })) {
      const path = join(top, entry);
      if (path.includes('node_modules') || !path.endsWith('.test.ts')) continue;
      const rel = relative(root, path);
      if (filters.length === 0 || filters.some((filter) => rel.includes(filter))) files.push(rel);
    }
  }
  return files.sort();
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function findPostgres(): Promise<{ adminUrl: string; embedded?: RunningPostgres; dataDir?: string }> {
  const given = process.env.TEST_DATABASE_ADMIN_URL;
  if (given) {
    console.log(`PostgreSQL: ${redact(given)} (TEST_DATABASE_ADMIN_URL)`);
    return { adminUrl: given };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  const forceEmbedded = process.env.TEST_POSTGRES === 'embedded';
  if (!forceEmbedded && (await answers(local))) {
    console.log('PostgreSQL: the server on 127.0.0.1:5432');
    return { adminUrl: local };
  }
  console.log(
    forceEmbedded
      ? 'PostgreSQL: starting an embedded server for this run (TEST_POSTGRES=embedded)'
      : 'PostgreSQL: nothing answers on 127.0.0.1:5432, starting an embedded server for this run',
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-test-pg-'));
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'data'),
    ownedRoot: dataDir,
    port: await freePort(),
    superuserPassword: randomBytes(12).toString('hex'),
    onProgress: (step) => console.log(`  ${step}`),
  });
  return { adminUrl: embedded.adminUrl, embedded, dataDir };
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

async function main(): Promise<number> {
  const files = await findTestFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('no test files matched');
    return 1;
  }
  const postgres = await findPostgres();
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
      { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_DATABASE_ADMIN_URL: postgres.adminUrl } },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number>((resolve) => child.on('exit', (exit) => resolve(exit ?? 1)));
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    return code;
  } finally {
    await postgres.embedded?.stop();
    if (postgres.dataDir) await rm(postgres.dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
