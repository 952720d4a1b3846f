const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const PARENT_CHECK_MS = 1_000;

export interface StopRequestOptions {
  /** Treat the parent process exiting as a request to stop. */
  followParent: boolean;
  /** Says what happened: the first request, or a second one that forces. */
  announce(reason: string, first: boolean): void;
}

/**
 * The operator's request to stop: the first SIGINT, SIGTERM or SIGHUP starts a graceful
 * stop; a second one says "now" (`onForce`, which kills what is still running).
 *
 * With `followParent`, the parent process going away is a request too. `npm start` runs us
 * under `sh -c`; on SIGTERM npm passes the signal to that shell, which dies without passing
 * it on, and we would be left supervising for nobody. (Not by default: `(emporium up &)`
 * from a shell means to outlive that shell.)
 */
export class StopRequest {
  readonly #controller = new AbortController();
  readonly #announce: StopRequestOptions['announce'];
  readonly #parentWatch: NodeJS.Timeout | undefined;
  #force: (() => void) | undefined;
  #requestedAt: number | undefined;

  constructor(options: StopRequestOptions) {
    this.#announce = options.announce;
    for (const signal of STOP_SIGNALS) process.on(signal, this.#onSignal);
    if (options.followParent) {
      const parent = process.ppid;
      this.#parentWatch = setInterval(() => {
        if (process.ppid !== parent && !this.requested) {
          this.#request(`the process that started emporium (pid ${parent}) exited`);
        }
      }, PARENT_CHECK_MS);
      this.#parentWatch.unref();
    }
  }

  /** Aborted on the first stop request. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get requested(): boolean {
    return this.#controller.signal.aborted;
  }

  /** When the first request arrived (ms since the epoch). */
  get requestedAt(): number | undefined {
    return this.#requestedAt;
  }

  /** Resolves on the first stop request. */
  wait(): Promise<void> {
    if (this.requested) return Promise.resolve();
    return new Promise((resolve) => this.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** What a second signal does. */
  onForce(force: () => void): void {
    this.#force = force;
  }

  dispose(): void {
    clearInterval(this.#parentWatch);
    for (const signal of STOP_SIGNALS) process.off(signal, this.#onSignal);
  }

  #request(reason: string): void {
    const first = !this.requested;
    this.#announce(reason, first);
    if (first) {
      this.#requestedAt = Date.now();
      this.#controller.abort();
    } else {
      this.#force?.();
    }
  }

  readonly #onSignal = (signal: NodeJS.Signals): void => this.#request(signal);
}
