import type { FastifyRequest } from 'fastify';
import { AuthRequired, Forbidden } from './errors.ts';
import type { Principal, Role, TokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * A Fastify `onRequest` hook that requires a valid bearer token (and, when given, a role),
 * and puts the caller's identity on `request.principal`.
 */
export function authenticate(verify: TokenVerifier, requiredRole?: Role) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/);
    if (!match?.[1]) throw AuthRequired('Send an access token as "Authorization: Bearer <token>"');
    const principal = await verify(match[1]);
    if (requiredRole && !principal.roles.includes(requiredRole)) {
      throw Forbidden(`This needs the ${requiredRole} role`);
    }
    request.principal = principal;
  };
}

/** The verified caller of a route behind `authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw AuthRequired();
  return request.principal;
}
