import type { FastifyRequest } from 'fastify';
import { defineProblem } from '../http/index.ts';

export const IdempotencyKeyMissing = defineProblem(
  'IDEMPOTENCY_KEY_MISSING',
  400,
  'This request needs an Idempotency-Key header',
);
export const IdempotencyKeyInvalid = defineProblem(
  'IDEMPOTENCY_KEY_INVALID',
  400,
  'The Idempotency-Key is not valid',
);
export const IdempotencyKeyConflict = defineProblem(
  'IDEMPOTENCY_KEY_REUSED',
  422,
  'The Idempotency-Key was used for a different request',
);

/** 1 to 255 visible ASCII characters: a UUID, a ULID, or the caller's own scheme. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header):
 * undefined when absent and optional, IDEMPOTENCY_KEY_MISSING when required, and
 * IDEMPOTENCY_KEY_INVALID when malformed.
 */
export function idempotencyKeyOf(request: FastifyRequest, { required = false } = {}): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) {
    if (required) throw IdempotencyKeyMissing();
    return undefined;
  }
  const key = Array.isArray(header) ? undefined : header;
  if (key === undefined || !KEY.test(key)) {
    throw IdempotencyKeyInvalid('Idempotency-Key must be one value of 1 to 255 visible ASCII characters');
  }
  return key;
}
