import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
const MAIN = 'tools/cli/src/main.ts';

/** Variables that would point `up` somewhere other than the fresh, embedded path under test. */
const OUTSIDE_SETTINGS = [
  'EMPORIUM_HOME',
  'EMPORIUM_POSTGRES_URL',
  'EMPORIUM_POSTGRES_PORT',
  'IDENTITY_PORT',
  'IDENTITY_DATABASE_URL',
  'CATALOG_PORT',
  'CATALOG_DATABASE_URL',
  'PLATFORM_DATABASE_URL',
  'NATS_URL',
  'ADMIN_EMAIL',
  'LOG_PRETTY',
  'FORCE_COLOR',
];

/** The test process's environment without emporium settings, plus `overrides`. */
export function emporiumEnv(overrides: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of OUTSIDE_SETTINGS) delete env[name];
  return { ...env, ...overrides };
}

/** `emporium <args>` as a child process, the way `npm run emporium` starts it. */
export function spawnEmporium(
  args: readonly string[],
  env: Record<string, string | undefined>,
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `emporium <args>` to completion. */
export function runEmporium(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<Finished> {
  const child = spawnEmporium(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export { freePort } from '@emporium/platform/testing';

/** process.kill(pid, 0) throws ESRCH once the process is gone. */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
