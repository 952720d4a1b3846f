import type { PrefixedOutput } from './prefixed-output.ts';
import { type ProcessSpec, type StopResult, SupervisedProcess } from './supervised-process.ts';

export interface SupervisorOptions {
  output: PrefixedOutput;
  /** Called whenever a process id changes (start, restart), to rewrite the state file. */
  onPidChange(): void;
}

/** The set of service processes one `up` runs: started in order, stopped together. */
export class Supervisor {
  readonly #processes: SupervisedProcess[] = [];

  constructor(private readonly options: SupervisorOptions) {}

  /** Adds a process to the set, not yet started. */
  create(spec: ProcessSpec): SupervisedProcess {
    const { output, onPidChange } = this.options;
    const supervised = new SupervisedProcess(spec, {
      onOutput: (line, stream) => output.line(spec.name, line, stream),
      onSpawn: (pid, restarts) => {
        if (restarts > 0) output.note(`${spec.name} restarted (pid ${pid}, restart ${restarts})`);
        onPidChange();
      },
      onCrash: ({ exit, upForMs, delayMs, crashesInARow }) => {
        const streak = crashesInARow > 1 ? `, ${crashesInARow} crashes in a row` : '';
        output.warn(
          `${spec.name} stopped unexpectedly (${exit}) after ${seconds(upForMs)}; ` +
            `restarting in ${seconds(delayMs)}${streak}`,
        );
      },
    });
    this.#processes.push(supervised);
    return supervised;
  }

  /** SIGTERM to all at once, each given `graceMs` before SIGKILL. */
  async stopAll(graceMs: number): Promise<void> {
    const { output } = this.options;
    await Promise.all(
      this.#processes.map(async (supervised) => {
        const result: StopResult | undefined = await supervised.stop(graceMs);
        if (!result) return;
        if (result.killed) {
          output.warn(`${supervised.name} did not stop within ${seconds(graceMs)}; killed (SIGKILL)`);
        } else {
          output.note(`${supervised.name} stopped (${result.exit})`);
        }
      }),
    );
  }

  /** SIGKILL to every process still running. */
  killAll(): void {
    for (const supervised of this.#processes) supervised.kill();
  }
}

export function seconds(ms: number): string {
  return `${ms >= 10_000 ? Math.round(ms / 1000) : (ms / 1000).toFixed(1)} s`;
}
