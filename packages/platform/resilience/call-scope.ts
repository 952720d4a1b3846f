import type { IBackoff, IBackoffFactory } from 'cockatiel';
import { CallTimeoutError } from './errors.ts';

/**
 * The caller left (its signal aborted) while an attempt ran. Thrown through the circuit
 * breaker in place of whatever the attempt threw, because the breaker must not hold the
 * caller's change of mind against the target; the caller gets its own abort reason.
 */
export class CallAbandoned extends Error {
  constructor(readonly reason: unknown) {
    super('the caller abandoned the call');
    this.name = 'CallAbandoned';
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One call's limits: the caller's signal and deadline joined into the one signal every
 * policy layer obeys, released when the call ends.
 */
export class CallScope {
  readonly #controller = new AbortController();
  readonly #startedAt = Date.now();
  readonly #timer: NodeJS.Timeout | undefined;
  #deadlinePassed = false;
  readonly #onCallerAbort = () => this.#controller.abort(this.callerSignal?.reason);

  constructor(
    readonly target: string,
    readonly callerSignal: AbortSignal | undefined,
    readonly deadline: number | undefined,
  ) {
    if (callerSignal?.aborted) this.#controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    if (deadline !== undefined && !this.signal.aborted) {
      const remaining = deadline - this.#startedAt;
      if (remaining <= 0) this.#expire();
      // setTimeout fires at once for delays past 2^31-1 ms (~25 days); such a deadline never comes.
      else if (remaining <= MAX_TIMER_MS) this.#timer = setTimeout(() => this.#expire(), remaining);
    }
  }

  /** Aborts when the caller's signal does or at the caller's deadline. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** What the caller is told when the call stops before an answer: its own reason, or the deadline. */
  stopError(): unknown {
    if (this.callerAborted) return this.callerSignal?.reason;
    return new CallTimeoutError(
      this.target,
      (this.deadline ?? this.#startedAt) - this.#startedAt,
      'deadline',
    );
  }

  get deadlinePassed(): boolean {
    return this.#deadlinePassed;
  }

  /**
   * Settles with `work`, or as soon as the call is stopped. The policies do not notice an
   * abort everywhere (a queued bulkhead slot, a retry's backoff delay), so without this a
   * caller could wait past its own deadline; the work left behind ends on its own.
   */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      work.catch(() => {});
      return Promise.reject(this.stopError());
    }
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        // Deliberately unobserved: the caller has its answer; the breaker and the metrics
        // still record the attempt's outcome when it ends.
        work.catch(() => {});
        reject(this.stopError());
      };
      this.signal.addEventListener('abort', stop, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', stop));
    });
  }

  /**
   * Bounds a retry backoff by the deadline: a delay that would end after it is not waited
   * for; `onOutOfTime` is told, and the retry gives up at once with the last failure.
   */
  withinDeadline<C>(backoff: IBackoffFactory<C>, onOutOfTime: () => void): IBackoffFactory<C> {
    const bound = (step: IBackoff<C>): IBackoff<C> => {
      const fits = this.deadline === undefined || Date.now() + step.duration < this.deadline;
      if (!fits) onOutOfTime();
      return { duration: fits ? step.duration : 0, next: (context) => bound(step.next(context)) };
    };
    return { next: (context) => bound(backoff.next(context)) };
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  #expire(): void {
    this.#deadlinePassed = true;
    this.#controller.abort(this.stopError());
  }
}
