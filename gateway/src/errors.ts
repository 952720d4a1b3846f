/**
 * The gateway's own refusals, each with a stable code (listed in docs/errors.md). The
 * chassis's problems (VALIDATION_FAILED, MALFORMED_BODY, BODY_TOO_LARGE, ROUTE_NOT_FOUND,
 * AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED, FORBIDDEN, AUTH_UNAVAILABLE) are used as they are.
 */
import { defineProblem } from '@emporium/platform/http';

/** The service behind the route has no live instance, its breaker is open, or it went away mid-call. */
export const UpstreamUnavailable = defineProblem(
  'UPSTREAM_UNAVAILABLE',
  503,
  'The service behind this route is unavailable',
);
/** The service answered with something that is not a usable HTTP answer (or a bare 5xx). */
export const UpstreamFailed = defineProblem('UPSTREAM_FAILED', 502, 'The service behind this route failed');
/** The service did not answer within its time. */
export const UpstreamTimeout = defineProblem(
  'UPSTREAM_TIMEOUT',
  504,
  'The service behind this route timed out',
);
/** Too many requests from this client for this class of route; see Retry-After. */
export const RateLimited = defineProblem('RATE_LIMITED', 429, 'Too many requests');
/** A request head with more headers than the gateway accepts. */
export const TooManyHeaders = defineProblem('TOO_MANY_HEADERS', 431, 'The request has too many headers');
