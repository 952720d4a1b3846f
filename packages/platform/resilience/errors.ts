/**
 * The refusals of the resilience policies, each with a stable code. They are not HTTP
 * problems: the RPC layer maps them to gRPC codes (circuit open -> UNAVAILABLE, bulkhead
 * full -> RESOURCE_EXHAUSTED, timeout -> DEADLINE_EXCEEDED) in one place.
 */

/** The target failed too often in a row; calls are refused without trying until it half-opens. */
export class CircuitOpenError extends Error {
  readonly code = 'CIRCUIT_OPEN';

  constructor(
    readonly target: string,
    readonly consecutiveFailures: number,
    /** Until the breaker lets a trial call through; undefined while an operator holds it open. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      retryAfterMs === undefined
        ? `calls to ${target} are refused: its circuit breaker is held open (isolated)`
        : `calls to ${target} are refused: its circuit breaker is open after ${consecutiveFailures} consecutive failures`,
    );
    this.name = 'CircuitOpenError';
  }
}

/** Every slot for the target is taken and so is every place in its queue. */
export class BulkheadFullError extends Error {
  readonly code = 'BULKHEAD_FULL';

  constructor(
    readonly target: string,
    readonly limit: number,
    readonly queue: number,
  ) {
    super(`${target} has ${limit} calls in flight and ${queue} queued`);
    this.name = 'BulkheadFullError';
  }
}

/**
 * An attempt did not finish in time: its own timeout fired (`limit: 'attempt'`), or the
 * caller's deadline came first (`limit: 'deadline'`, timeoutMs is then what was left of it).
 */
export class CallTimeoutError extends Error {
  readonly code = 'CALL_TIMEOUT';

  constructor(
    readonly target: string,
    readonly timeoutMs: number,
    readonly limit: 'attempt' | 'deadline' = 'attempt',
  ) {
    super(
      limit === 'attempt'
        ? `${target} did not answer within ${timeoutMs} ms`
        : `${target} did not answer before the caller's deadline, ${timeoutMs} ms after the call began`,
    );
    this.name = 'CallTimeoutError';
  }
}
