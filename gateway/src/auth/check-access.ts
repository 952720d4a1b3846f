/**
 * The gateway's access check, from the route table: a token, when sent, must be valid on
 * every route (a bad one is refused rather than ignored); user routes need one; admin routes
 * need one with the admin role. The verified caller lands on `request.principal`.
 */
import { AuthErrors, type TokenVerifier } from '@emporium/platform/security';
import type { FastifyRequest } from 'fastify';
import type { Access } from '../routes/route-table.ts';

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

export async function checkAccess(
  request: FastifyRequest,
  access: Access,
  verify: TokenVerifier,
): Promise<void> {
  const header = request.headers.authorization;
  if (header === undefined) {
    if (access === 'public') return;
    throw AuthErrors.AuthRequired('Send an access token as "Authorization: Bearer <token>"');
  }
  const token = BEARER.exec(header)?.[1];
  if (!token) throw AuthErrors.TokenInvalid('The Authorization header must be "Bearer <access token>"');
  const principal = await verify(token);
  if (access === 'admin' && !principal.roles.includes('admin')) {
    throw AuthErrors.Forbidden('This needs the admin role');
  }
  request.principal = principal;
}
