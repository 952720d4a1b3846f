/**
 * What a client is told when a service could not answer: one clean problem document with a
 * retry hint (Retry-After), never the upstream's stack trace or an undici error.
 */
import { NoInstanceError, RegistryUnavailableError } from '@emporium/platform/discovery';
import { PROBLEM_CONTENT_TYPE, type ProblemError } from '@emporium/platform/http';
import { BulkheadFullError, CallTimeoutError, CircuitOpenError } from '@emporium/platform/resilience';
import { UpstreamFailed, UpstreamTimeout, UpstreamUnavailable } from '../errors.ts';
import { UpstreamConnectionError, UpstreamServerError } from './upstream-errors.ts';

/** A service's own 5xx problem document, passed on as it is (it carries no stack: the chassis sees to that). */
export interface PassedOnAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  retryAfterSeconds: number;
}

export function upstreamProblem(error: unknown, service: string): ProblemError | PassedOnAnswer | undefined {
  const hint = (seconds: number) => ({ service, retryAfterSeconds: seconds });
  if (error instanceof NoInstanceError) {
    return UpstreamUnavailable(`${service} has no instance that can take this request right now`, hint(1));
  }
  if (error instanceof RegistryUnavailableError) {
    return UpstreamUnavailable(
      `${service} cannot be found right now: the service registry does not answer`,
      hint(2),
    );
  }
  if (error instanceof CircuitOpenError) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 5_000) / 1000));
    return UpstreamUnavailable(
      `${service} is failing; requests to it are paused for a moment`,
      hint(seconds),
    );
  }
  if (error instanceof BulkheadFullError) {
    return UpstreamUnavailable(`${service} is at its limit of requests in flight`, hint(1));
  }
  if (error instanceof UpstreamConnectionError) {
    return UpstreamUnavailable(`${service} went away before it answered`, hint(1));
  }
  if (error instanceof CallTimeoutError) {
    return UpstreamTimeout(`${service} did not answer in time`, hint(1));
  }
  if (error instanceof UpstreamServerError) {
    const contentType = String(error.headers['content-type'] ?? '');
    const retryAfter = Number(error.headers['retry-after']);
    if (contentType.startsWith(PROBLEM_CONTENT_TYPE) && isProblemDocument(error.body)) {
      return {
        status: error.status,
        contentType: PROBLEM_CONTENT_TYPE,
        body: error.body,
        retryAfterSeconds: Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : 1,
      };
    }
    // A bare 503 is a stopping instance (see isDraining in upstreams.ts): unavailable, not failed.
    if (error.status === 503) return UpstreamUnavailable(`${service} is stopping; try again`, hint(1));
    return UpstreamFailed(`${service} failed to answer (status ${error.status})`, hint(1));
  }
  return undefined;
}

/** Anything thrown while proxying that upstreamProblem does not know: a 502, logged by the caller. */
export function unknownUpstreamFailure(service: string): ProblemError {
  return UpstreamFailed(`${service} could not be reached`, { service, retryAfterSeconds: 1 });
}

function isProblemDocument(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      'status' in parsed &&
      !('stack' in parsed) &&
      typeof (parsed as { title?: unknown }).title === 'string'
    );
  } catch {
    return false;
  }
}
