import { defineProblem } from './problem-error.ts';

/** Errors raised by the HTTP chassis itself; each service adds its own in its errors.ts. */
export const ValidationFailed = defineProblem('VALIDATION_FAILED', 400, 'The request is not valid');
export const MalformedBody = defineProblem('MALFORMED_BODY', 400, 'The request body is not valid JSON');
export const BodyTooLarge = defineProblem('BODY_TOO_LARGE', 413, 'The request body is too large');
export const UnsupportedMediaType = defineProblem(
  'UNSUPPORTED_MEDIA_TYPE',
  415,
  'The content type is not supported',
);
export const RouteNotFound = defineProblem('ROUTE_NOT_FOUND', 404, 'No such endpoint');
export const ServiceUnavailable = defineProblem('SERVICE_UNAVAILABLE', 503, 'The service is not ready');
export const InternalError = defineProblem('INTERNAL_ERROR', 500, 'Something went wrong on our side');
