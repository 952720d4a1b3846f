import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort, waitFor } from '@emporium/platform/testing';
import { SERVICES, variablePrefix } from '../src/services.ts';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
const MAIN = 'tools/cli/src/main.ts';

/** Variables that would point `up` somewhere other than the fresh, embedded path under test. */
const OUTSIDE_SETTINGS = [
  'EMPORIUM_HOME',
  'EMPORIUM_POSTGRES_URL',
  'EMPORIUM_POSTGRES_PORT',
  ...SERVICES.flatMap(({ name }) =>
    ['PORT', 'RPC_PORT', 'DATABASE_URL'].map((variable) => `${variablePrefix(name)}_${variable}`),
  ),
  'PLATFORM_DATABASE_URL',
  'GATEWAY_PORT',
  'GATEWAY_TLS_PORT',
  'REDIS_URL',
  'NATS_URL',
  'REGISTRY_DATABASE_URL',
  'DISCOVERY',
  'STATIC_SERVICES',
  'INSTANCE_ID',
  'ADMIN_EMAIL',
  'LOG_PRETTY',
  'FORCE_COLOR',
];

/**
 * The test process's environment without emporium settings, plus `overrides`. The gateway
 * takes free ports (0) unless a test names them, so runs side by side do not collide on 8080.
 */
export function emporiumEnv(overrides: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of OUTSIDE_SETTINGS) delete env[name];
  return { ...env, GATEWAY_PORT: '0', GATEWAY_TLS_PORT: '0', ...overrides };
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

export { freePort };

/**
 * A free port `base` such that base + step × i is free too for every i below `count`: what a
 * service scaled to `count` instances listens on (see SCALE_PORT_STEP).
 */
export async function freePortForReplicas(count: number, step = 1000): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = await freePort();
    if (base + step * (count - 1) > 65535) continue;
    const others = await Promise.all(
      Array.from({ length: count - 1 }, (_, i) => isFree(base + step * (i + 1))),
    );
    if (others.every(Boolean)) return base;
  }
  throw new Error(`no free port with ${count - 1} free ports ${step} apart above it`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** How a child process ended: its exit code, or the signal that ended it. */
export function exitOf(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

/** Every process below `pid` (children, theirs, ...), from /proc. Linux only; elsewhere empty. */
export async function descendantsOf(pid: number): Promise<number[]> {
  if (!existsSync('/proc')) return [];
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of parents.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** process.kill(pid, 0) throws ESRCH once the process is gone. */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A running `emporium up`, and what `status --json` said once it was ready. */
export interface ReadyUp {
  up: ChildProcess;
  exited: Promise<number | string | null>;
  /** Everything it printed so far, both streams. */
  output(): string;
  /** `status --json`'s answer, parsed. */
  status: unknown;
}

/**
 * `emporium up <args>` until it prints that every instance is ready (its summary, which
 * follows its own /health/ready checks); then `status --json` once, which must exit 0.
 * Waiting on up's output rather than polling `status` keeps the wait cheap on a busy
 * machine: every `emporium` run compiles its TypeScript anew. `onPid` hears up's pid at once.
 */
export async function startUpUntilReady(options: {
  args: readonly string[];
  env: Record<string, string | undefined>;
  onPid(pid: number): void;
  timeoutMs?: number;
}): Promise<ReadyUp> {
  const up = spawnEmporium(options.args, options.env);
  if (up.pid !== undefined) options.onPid(up.pid);
  let output = '';
  for (const stream of [up.stdout, up.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const exited = exitOf(up);
  await Promise.race([
    waitFor('emporium up to report every instance ready', () => /Emporium is up: /.test(output), {
      timeoutMs: options.timeoutMs ?? 120_000,
      intervalMs: 100,
    }),
    exited.then((code) => {
      throw new Error(`emporium up exited early with ${code}`);
    }),
  ]).catch((error: Error) => {
    throw new Error(`${error.message}\n--- emporium up output ---\n${output}`);
  });
  const status = await runEmporium(['status', '--json'], options.env);
  if (status.code !== 0) {
    throw new Error(`status --json exited ${status.code}: ${status.stdout}${status.stderr}\n${output}`);
  }
  return { up, exited, output: () => output, status: JSON.parse(status.stdout) };
}
