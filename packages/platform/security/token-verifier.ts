import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { ProblemError } from '../http/index.ts';
import { AuthUnavailable, TokenExpired, TokenInvalid } from './errors.ts';

export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  email: string;
  roles: Role[];
}

/** Issuer and audience of Emporium access tokens; checked on every verification. */
export const TOKEN_ISSUER = 'emporium-identity';
export const TOKEN_AUDIENCE = 'emporium';

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Verifies EdDSA access tokens against identity's JWKS. jose caches the key set and
 * fetches it again when a token names an unknown `kid`, so keys rotate without restarts.
 * `keys` is a JWKS URL, or a key resolver for the issuer itself.
 */
export function createTokenVerifier(
  keys: URL | JWTVerifyGetKey,
  { refetchCooldownMs = 30_000 }: { refetchCooldownMs?: number } = {},
): TokenVerifier {
  // The cooldown bounds how often tokens naming unknown key ids can make us fetch the JWKS.
  const getKey =
    keys instanceof URL ? createRemoteJWKSet(keys, { cooldownDuration: refetchCooldownMs }) : keys;
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') {
        throw TokenInvalid('The token does not name a user');
      }
      return { userId: payload.sub, email: payload.email, roles };
    } catch (error) {
      throw toTokenProblem(error);
    }
  };
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function toTokenProblem(error: unknown) {
  if (error instanceof joseErrors.JWTExpired) return TokenExpired();
  if (error instanceof joseErrors.JWKSTimeout || (error as { code?: string }).code === 'ECONNREFUSED') {
    return AuthUnavailable('The identity service did not answer for its signing keys');
  }
  if (error instanceof joseErrors.JOSEError)
    return TokenInvalid(`The access token is not valid: ${error.message}`);
  if (error instanceof ProblemError) return error;
  if (error instanceof TypeError)
    return AuthUnavailable('The identity service did not answer for its signing keys');
  return TokenInvalid();
}
