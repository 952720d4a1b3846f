import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from './errors.ts';

/**
 * A `preValidation` hook refusing U+0000 in any string of the body, query or path. JSON
 * and URLs can carry it, but PostgreSQL text cannot hold it: the query would fail and the
 * client would see a 500 instead of a 400 that says what is wrong.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const path =
    nulPath(request.body, 'body') ??
    nulPath(request.query, 'querystring') ??
    nulPath(request.params, 'params');
  if (path !== undefined)
    throw ValidationFailed(`${path} contains a NUL character (U+0000), which is not allowed`);
}

function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? path : nulPath(item, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
