import type { IncomingHttpHeaders } from 'node:http';

/**
 * The instance could not be reached, or the connection broke before it answered: that
 * instance's trouble, not the service's. Discovery evicts the instance; an idempotent request
 * is retried on another one without counting against the service's breaker.
 */
export class UpstreamConnectionError extends Error {
  constructor(
    readonly service: string,
    readonly instanceUrl: string,
    cause: unknown,
  ) {
    super(`${service} at ${instanceUrl} could not be reached: ${(cause as Error).message ?? cause}`, {
      cause,
    });
    this.name = 'UpstreamConnectionError';
  }
}

/**
 * The service answered 5xx. Counted against its breaker; retried (idempotent requests only)
 * when the status says another try may work (502, 503, 504). The answer is kept, so the last
 * one can reach the client when it is a proper problem document.
 */
export class UpstreamServerError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
  ) {
    super(`${service} answered ${status}`);
    this.name = 'UpstreamServerError';
  }

  get retryable(): boolean {
    return this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/** A failure of the connection to one instance (refused, reset, closed mid-answer). */
export function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && CONNECTION_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The connection was never made, so the request was never sent: safe to send elsewhere, whatever its method. */
export function isNeverSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && NOT_SENT_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}
