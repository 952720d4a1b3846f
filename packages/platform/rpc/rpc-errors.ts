import { Code, ConnectError } from '@connectrpc/connect';
import { NoInstanceError, RegistryUnavailableError } from '../discovery/index.ts';
import { BulkheadFullError, CallTimeoutError, CircuitOpenError } from '../resilience/index.ts';

export { Code, ConnectError } from '@connectrpc/connect';

/** The chassis's own refusals, as the gRPC status a caller would expect from them. */
function codeOfRefusal(error: unknown): Code | undefined {
  if (error instanceof NoInstanceError || error instanceof RegistryUnavailableError) return Code.Unavailable;
  if (error instanceof CircuitOpenError) return Code.Unavailable;
  if (error instanceof BulkheadFullError) return Code.ResourceExhausted;
  if (error instanceof CallTimeoutError) return Code.DeadlineExceeded;
  return undefined;
}

/**
 * Every failure of an outbound call as one type, a ConnectError with a gRPC code, whose
 * message names the target and method: "catalog ProductService/GetProducts: deadline_exceeded:
 * catalog did not answer within 2000 ms". The original error stays as the cause.
 */
export function toRpcError(error: unknown, target: string, method: string): ConnectError {
  const where = `${target} ${method}`;
  const refusal = codeOfRefusal(error);
  if (refusal !== undefined)
    return new ConnectError(`${where}: ${(error as Error).message}`, refusal, undefined, undefined, error);
  const connectError = ConnectError.from(error);
  if (connectError.rawMessage.startsWith(where)) return connectError;
  const wrapped = new ConnectError(
    `${where}: ${connectError.rawMessage}`,
    connectError.code,
    connectError.metadata,
    undefined,
    connectError.cause ?? error,
  );
  wrapped.details.push(...connectError.details);
  return wrapped;
}

/** Failures that say the target is in trouble, which count against its circuit breaker. */
export function isTargetFailure(error: unknown): boolean {
  // One instance's broken connection is discovery's business (it evicts the instance and the
  // call moves on to another); counting it would let one dead replica of three open the
  // breaker of the whole service. When none is left, NoInstanceError counts.
  if (isInstanceFailure(error)) return false;
  if (error instanceof ConnectError) {
    return [Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Unknown, Code.DataLoss].includes(
      error.code,
    );
  }
  // The registry being down says nothing about the target: it must not open the target's breaker.
  if (error instanceof RegistryUnavailableError) return false;
  return codeOfRefusal(error) !== undefined || !(error instanceof Error && error.name === 'AbortError');
}

/**
 * Failures worth another attempt, on another instance if there is one: the instance could
 * not be reached, or its connection broke. The policies retry only idempotent methods, for
 * which a call that did run is harmless to repeat.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectError) return error.code === Code.Unavailable;
  return error instanceof NoInstanceError || error instanceof CallTimeoutError;
}

/**
 * A connection-level failure of one instance (refused, reset, closed mid-call), which takes
 * it out of the rotation until the registry hears from it again. An UNAVAILABLE the peer
 * answered itself carries no cause and leaves it in.
 */
export function isInstanceFailure(error: unknown): boolean {
  return error instanceof ConnectError && error.code === Code.Unavailable && error.cause !== undefined;
}

/** Node's codes for a connection that broke or never spoke HTTP/2. */
const CONNECTION_ERRORS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ERR_HTTP2_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_INVALID_SESSION',
  'ERR_HTTP2_STREAM_ERROR',
]);

function hasConnectionCause(error: unknown, depth = 0): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
  return hasConnectionCause((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * connect-node reports an instance that died mid-call as CANCELED (stream reset) or ABORTED
 * (socket reset), and a peer that does not speak HTTP/2 as INTERNAL: as if the caller had
 * cancelled, or the handler had failed. Unless the caller's own signal ended the attempt,
 * those are the instance's failure: UNAVAILABLE, with the original as cause, so the instance
 * is evicted and an idempotent call is retried elsewhere.
 */
export function asInstanceFailure(error: unknown, attemptSignal: AbortSignal): unknown {
  if (!(error instanceof ConnectError) || attemptSignal.aborted) return error;
  const brokenConnection =
    error.code === Code.Canceled || error.code === Code.Aborted || hasConnectionCause(error.cause);
  if (!brokenConnection || error.code === Code.Unavailable) return error;
  return new ConnectError(
    `connection lost: ${error.rawMessage}`,
    Code.Unavailable,
    error.metadata,
    undefined,
    error,
  );
}
