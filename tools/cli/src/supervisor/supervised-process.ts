import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { nextRestart, RESTART_BACKOFF, type RestartBackoffPolicy } from './restart-backoff.ts';

export interface ProcessSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface SupervisedProcessEvents {
  /** One line the process printed, without its newline. */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void;
  /** A process started: the first time, or a restart (`restarts` > 0). */
  onSpawn(pid: number, restarts: number): void;
  /** It ended without being asked to; it will be started again after `delayMs`. */
  onCrash(crash: Crash): void;
}

export interface Crash {
  exit: string;
  upForMs: number;
  delayMs: number;
  crashesInARow: number;
}

export interface StopResult {
  exit: string;
  /** It ignored SIGTERM for the whole grace period and was killed. */
  killed: boolean;
}

/**
 * One service process kept alive: started, watched, restarted with backoff when it dies,
 * and stopped with SIGTERM, then SIGKILL when it will not go.
 *
 * The child is never detached: it stays in the supervisor's process group (a terminal's
 * Ctrl-C reaches it too), and its stdin is a pipe the supervisor holds open and never
 * writes, so the child can tell when the supervisor is gone (see exit-with-supervisor.ts).
 */
export class SupervisedProcess {
  readonly name: string;
  #child: ChildProcess | undefined;
  #exited: Promise<string> | undefined;
  #startedAt = 0;
  #crashesInARow = 0;
  #restarts = 0;
  #restartAt: number | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #lastExit: string | undefined;

  constructor(
    private readonly spec: ProcessSpec,
    private readonly events: SupervisedProcessEvents,
    private readonly backoff: RestartBackoffPolicy = RESTART_BACKOFF,
  ) {
    this.name = spec.name;
  }

  /** The running process's id; undefined between a crash and its restart. */
  get pid(): number | undefined {
    return this.#child && isRunning(this.#child) ? this.#child.pid : undefined;
  }

  /** A short account of where it is, for "still waiting for ..." lines. */
  describe(): string {
    if (this.pid !== undefined) {
      return this.#restarts > 0 ? `pid ${this.pid}, restarted ${this.#restarts}×` : `pid ${this.pid}`;
    }
    if (this.#restartAt !== undefined) {
      const seconds = Math.max(0, (this.#restartAt - Date.now()) / 1000).toFixed(1);
      return `${this.#lastExit ?? 'exited'}, restarting in ${seconds} s`;
    }
    return this.#lastExit ?? 'not started';
  }

  start(): void {
    if (this.#stopping) return;
    this.#restartAt = undefined;
    const child = spawn(this.spec.command, [...this.spec.args], {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#startedAt = Date.now();
    // We never write to stdin; once the child has gone, a late EPIPE is expected.
    child.stdin?.on('error', () => {});
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (source) createInterface({ input: source }).on('line', (line) => this.events.onOutput(line, stream));
    }
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code !== null ? `exit code ${code}` : `signal ${signal}`));
      // Without a pid the spawn itself failed, and 'exit' will not follow.
      child.once('error', (error) => {
        if (child.pid === undefined) resolve(`could not start: ${error.message}`);
      });
    });
    this.#exited = exited;
    void exited.then((exit) => this.#onExit(child, exit));
    if (child.pid !== undefined) this.events.onSpawn(child.pid, this.#restarts);
  }

  /** SIGTERM, up to `graceMs` to finish, then SIGKILL. Cancels a pending restart. */
  async stop(graceMs: number): Promise<StopResult | undefined> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    this.#restartAt = undefined;
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited || !isRunning(child)) return undefined;
    child.kill('SIGTERM');
    const grace = new AbortController();
    const inTime = await Promise.race([
      exited.then(() => true),
      sleep(graceMs, false, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    if (!inTime) child.kill('SIGKILL');
    return { exit: await exited, killed: !inTime };
  }

  /** For a second Ctrl-C: no more waiting. */
  kill(): void {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    if (this.#child && isRunning(this.#child)) this.#child.kill('SIGKILL');
  }

  #onExit(child: ChildProcess, exit: string): void {
    this.#lastExit = exit;
    // Our end of its stdin pipe, the last handle this child held open in the supervisor.
    child.stdin?.destroy();
    if (this.#stopping) return;
    const upForMs = Date.now() - this.#startedAt;
    const { crashesInARow, delayMs } = nextRestart(this.#crashesInARow, upForMs, this.backoff);
    this.#crashesInARow = crashesInARow;
    this.#restarts += 1;
    this.#restartAt = Date.now() + delayMs;
    this.events.onCrash({ exit, upForMs, delayMs, crashesInARow });
    this.#restartTimer = setTimeout(() => this.start(), delayMs);
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}
