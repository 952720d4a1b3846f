import {
  BrokenCircuitError,
  type BulkheadPolicy,
  BulkheadRejectedError,
  bulkhead,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  halfJitterGenerator,
  handleWhen,
  retry,
  TaskCancelledError,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import type { CallPolicySettings } from './call-policy-settings.ts';
import { CallAbandoned, CallScope } from './call-scope.ts';
import { BulkheadFullError, CallTimeoutError, CircuitOpenError } from './errors.ts';
import type { PolicyCounters } from './resilience-metrics.ts';

export interface CallAttempt {
  /**
   * Aborts when this attempt times out, when the caller's signal aborts, or at its deadline;
   * and once the attempt has returned, so work meant to outlive it (a stream) needs its own.
   */
  signal: AbortSignal;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
}

export interface CallOptions {
  /** Only an idempotent call is ever retried: a retry may repeat work the target already did. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  /** Epoch ms. Caps the whole call, retries and backoff included: no attempt starts after it. */
  deadline?: number | undefined;
}

/** The policies guarding calls to one target, shared by every call to it. */
export interface CallPolicy {
  readonly target: string;
  readonly settings: CallPolicySettings;
  /**
   * Runs `fn` under bulkhead -> retry (idempotent calls only) -> circuit breaker -> per-attempt
   * timeout. Errors that are not failures reach the caller as they were thrown.
   */
  execute<T>(fn: (attempt: CallAttempt) => Promise<T>, options: CallOptions): Promise<T>;
}

export interface TargetPolicyState {
  target: string;
  breaker: 'closed' | 'open' | 'half-open' | 'isolated';
  bulkhead: { active: number; queued: number; limit: number; queue: number };
}

export interface ErrorClassifiers {
  isFailure: (error: unknown) => boolean;
  isRetryable: (error: unknown) => boolean;
  /** See ResilienceOptions.abortAttemptsOnReturn; default true. */
  abortOnReturn?: boolean;
}

const BREAKER_STATE: Record<CircuitState, TargetPolicyState['breaker']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * What an attempt gives back through the breaker. An error that is not a failure (not found,
 * invalid argument) is returned rather than thrown, so the breaker counts the call a success:
 * the target answered, and the run of consecutive failures is broken.
 */
type AttemptOutcome<T> = { value: T } | { answered: unknown };

/**
 * A retryable error that is not the target's failure (one instance's broken connection):
 * carried through the breaker uncounted, so it may be retried, then unwrapped for the caller.
 */
class Uncounted extends Error {
  constructor(readonly error: unknown) {
    super('retryable, not counted against the breaker');
  }
}

/** cockatiel's policies for one target, composed per call as the options of that call require. */
export class TargetCallPolicy implements CallPolicy {
  readonly #bulkhead: BulkheadPolicy;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #timeout: TimeoutPolicy;
  readonly #backoff: ExponentialBackoff<number>;
  readonly #classifiers: ErrorClassifiers;
  readonly #counters: PolicyCounters | undefined;
  #openedAt = 0;

  constructor(
    readonly target: string,
    readonly settings: CallPolicySettings,
    classifiers: ErrorClassifiers,
    counters: PolicyCounters | undefined,
  ) {
    this.#classifiers = classifiers;
    this.#counters = counters;
    this.#bulkhead = bulkhead(settings.bulkhead.limit, settings.bulkhead.queue);
    // A caller's abort says nothing about the target's health, so it is not a failure.
    this.#breaker = circuitBreaker(
      handleWhen((error) => !(error instanceof CallAbandoned) && !(error instanceof Uncounted)),
      {
        halfOpenAfter: settings.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures),
      },
    );
    this.#breaker.onBreak(() => {
      this.#openedAt = Date.now();
    });
    // Aggressive: the attempt is given up the moment its signal aborts, even if fn ignores it.
    this.#timeout = timeout(settings.timeoutMs, {
      strategy: TimeoutStrategy.Aggressive,
      abortOnReturn: classifiers.abortOnReturn ?? true,
    });
    // Half jitter keeps each delay within [d/2, d), so a retry storm spreads out yet still backs off.
    this.#backoff = new ExponentialBackoff({
      generator: halfJitterGenerator,
      initialDelay: settings.retry.initialDelayMs,
      maxDelay: settings.retry.maxDelayMs,
    });
  }

  async execute<T>(fn: (attempt: CallAttempt) => Promise<T>, options: CallOptions): Promise<T> {
    const scope = new CallScope(this.target, options.signal, options.deadline);
    try {
      if (scope.signal.aborted) throw scope.stopError();
      const call = this.#bulkhead.execute(
        () => (options.idempotent ? this.#withRetries(fn, scope) : this.#attempt(fn, 1, scope)),
        scope.signal,
      );
      return await scope.race(call);
    } catch (error) {
      if (error instanceof Uncounted) throw error.error;
      if (error instanceof BulkheadRejectedError) {
        this.#counters?.rejections.inc({ target: this.target, reason: 'bulkhead_full' });
        throw new BulkheadFullError(this.target, this.settings.bulkhead.limit, this.settings.bulkhead.queue);
      }
      // Whatever stopped the call (caller abort, deadline) reached the caller through the race,
      // before any CallAbandoned or cockatiel cancellation from the layers below could.
      throw error;
    } finally {
      scope.dispose();
    }
  }

  state(): TargetPolicyState {
    const { limit, queue } = this.settings.bulkhead;
    return {
      target: this.target,
      breaker: BREAKER_STATE[this.#breaker.state],
      bulkhead: {
        active: limit - this.#bulkhead.executionSlots,
        queued: queue - this.#bulkhead.queueSlots,
        limit,
        queue,
      },
    };
  }

  async #withRetries<T>(fn: (attempt: CallAttempt) => Promise<T>, scope: CallScope): Promise<T> {
    let lastFailure: unknown;
    let outOfTime = false;
    const retrying = retry(
      handleWhen((error) => !outOfTime && this.#mayRetry(error)),
      {
        maxAttempts: this.settings.retry.maxAttempts - 1,
        backoff: scope.withinDeadline(this.#backoff, () => {
          outOfTime = true;
        }),
      },
    );
    // cockatiel stops retrying once scope.signal aborts, so the caller's abort and deadline win.
    return retrying.execute(async ({ attempt }) => {
      if (outOfTime) throw lastFailure;
      if (attempt > 0) this.#counters?.retries.inc({ target: this.target });
      try {
        return await this.#attempt(fn, attempt + 1, scope);
      } catch (error) {
        lastFailure = error;
        throw error;
      }
    }, scope.signal);
  }

  #mayRetry(error: unknown): boolean {
    if (error instanceof Uncounted) return true;
    if (error instanceof CallTimeoutError) return error.limit === 'attempt';
    if (error instanceof CircuitOpenError || error instanceof CallAbandoned) return false;
    return this.#classifiers.isFailure(error) && this.#classifiers.isRetryable(error);
  }

  async #attempt<T>(fn: (attempt: CallAttempt) => Promise<T>, attempt: number, scope: CallScope): Promise<T> {
    // cockatiel starts an attempt even on an aborted signal (after a retry's backoff, say);
    // one that could not run is no news about the target, so it stays outside the breaker.
    if (scope.signal.aborted) {
      throw scope.callerAborted ? new CallAbandoned(scope.stopError()) : scope.stopError();
    }
    let outcome: AttemptOutcome<T>;
    try {
      outcome = await this.#breaker.execute(() => this.#timed(fn, attempt, scope));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.#counters?.rejections.inc({ target: this.target, reason: 'circuit_open' });
        throw this.#circuitOpen();
      }
      throw error;
    }
    if ('answered' in outcome) throw outcome.answered;
    return outcome.value;
  }

  async #timed<T>(
    fn: (attempt: CallAttempt) => Promise<T>,
    attempt: number,
    scope: CallScope,
  ): Promise<AttemptOutcome<T>> {
    try {
      const value = await this.#timeout.execute(async ({ signal }) => {
        try {
          return await fn({ signal, attempt });
        } catch (error) {
          // fn gave up because its signal aborted: report why the signal aborted instead.
          throw signal.aborted ? this.#cutShort(scope) : error;
        }
      }, scope.signal);
      return { value };
    } catch (thrown) {
      const error = thrown instanceof TaskCancelledError ? this.#cutShort(scope) : thrown;
      if (error instanceof CallTimeoutError) this.#counters?.timeouts.inc({ target: this.target });
      // An attempt that ran out of time is a failure whatever isFailure says: the target did not answer.
      if (error instanceof CallAbandoned || error instanceof CallTimeoutError) throw error;
      if (this.#classifiers.isFailure(error)) throw error;
      if (this.#classifiers.isRetryable(error)) throw new Uncounted(error);
      return { answered: error };
    }
  }

  /** Why an attempt's signal aborted: the caller left, its deadline passed, or the attempt's timeout. */
  #cutShort(scope: CallScope): unknown {
    if (scope.callerAborted) return new CallAbandoned(scope.stopError());
    if (scope.deadlinePassed) return scope.stopError();
    return new CallTimeoutError(this.target, this.settings.timeoutMs);
  }

  #circuitOpen(): CircuitOpenError {
    const { consecutiveFailures, halfOpenAfterMs } = this.settings.breaker;
    if (this.#breaker.state === CircuitState.Isolated) {
      return new CircuitOpenError(this.target, consecutiveFailures, undefined);
    }
    const retryAfterMs = Math.max(0, this.#openedAt + halfOpenAfterMs - Date.now());
    return new CircuitOpenError(this.target, consecutiveFailures, retryAfterMs);
  }
}
