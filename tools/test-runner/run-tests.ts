/**
 * `npm test [-- <path filter>...]`: every `*.test.ts` under packages/, services/, tools/
 * and gateway/, run by Node's test runner against a real PostgreSQL. It uses the server on
 * 127.0.0.1:5432 when one answers, and otherwise starts an embedded one for the run, so the
 * suite passes on a machine with no database installed. TEST_POSTGRES=embedded forces the
 * embedded server; TEST_DATABASE_ADMIN_URL names another superuser URL.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { findTestPostgres } from '@emporium/platform/testing';

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

async function main(): Promise<number> {
  const files = await findTestFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('no test files matched');
    return 1;
  }
  const postgres = await findTestPostgres((line) => console.log(`  ${line}`));
  console.log(`PostgreSQL: ${postgres.description}`);
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
    await postgres.release();
  }
}

process.exitCode = await main();
