import { Code, ConnectError } from '@emporium/platform/rpc';

/**
 * A participant's definite "no" to the request itself: asking again cannot change the answer
 * (stock short, card token used, destination not served, the key used for another request).
 */
const REFUSALS: ReadonlySet<Code> = new Set([
  Code.InvalidArgument,
  Code.FailedPrecondition,
  Code.AlreadyExists,
  Code.NotFound,
  Code.PermissionDenied,
  Code.OutOfRange,
]);

export function isRefusal(error: unknown): error is ConnectError {
  return error instanceof ConnectError && REFUSALS.has(error.code);
}

/** The participant's own words, without the "target Service/Method: code:" prefix the client adds. */
export function refusalMessage(error: ConnectError): string {
  return error.rawMessage.replace(/^[\w-]+ \w+\/\w+: /, '');
}

/**
 * Whether a failed call may still have changed something at the participant. An answer from
 * it (any status) means its transaction did not commit; so does a call that never left
 * (no instance, breaker open). A timeout, a cancelled call or a connection lost mid-call
 * leave it open: the request may have been handled, and only the participant knows.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!(error instanceof ConnectError)) return true;
  if (REFUSALS.has(error.code)) return false;
  switch (error.code) {
    case Code.Unavailable:
      return brokeMidCall(error.cause, 0);
    case Code.ResourceExhausted:
    case Code.Unauthenticated:
    case Code.Unimplemented:
      return false;
    case Code.Internal:
      // The handler failed and its transaction rolled back; only a transport fault hides here.
      return brokeMidCall(error.cause, 0);
    default:
      // DeadlineExceeded, Canceled, Aborted, Unknown, DataLoss.
      return true;
  }
}

/** Codes of failures that happen before a request leaves: the chassis's refusals, a refused connection. */
const NEVER_SENT: ReadonlySet<string> = new Set([
  'CIRCUIT_OPEN',
  'BULKHEAD_FULL',
  'NO_INSTANCE',
  'REGISTRY_UNAVAILABLE',
  'ECONNREFUSED',
]);

/** A fault after the request left, somewhere in the causes: a timeout, a socket error, a stream reset. */
function brokeMidCall(cause: unknown, depth: number): boolean {
  if (depth > 6 || !(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') return !NEVER_SENT.has(code);
  if (cause instanceof ConnectError && cause.code !== Code.Unavailable && cause.code !== Code.Internal) {
    return true;
  }
  return brokeMidCall((cause as { cause?: unknown }).cause, depth + 1);
}
