import { randomUUID } from 'node:crypto';
import { type Role, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@emporium/platform/security';
import { SignJWT } from 'jose';
import type { SigningKeySet } from './signing-key-set.ts';

export interface AccessTokenSubject {
  userId: string;
  email: string;
  roles: Role[];
}

export interface AccessTokenSigner {
  /** Lifetime of every token it signs, in seconds (the `expiresIn` clients see). */
  ttlSeconds: number;
  sign(subject: AccessTokenSubject, now: Date): Promise<string>;
}

/**
 * Signs short-lived EdDSA access tokens with the key set's signing key. Their claims are
 * what @emporium/platform/security's verifier checks: iss, aud, sub, email, roles, exp.
 */
export function createAccessTokenSigner(keySet: SigningKeySet, ttlSeconds: number): AccessTokenSigner {
  return {
    ttlSeconds,
    sign({ userId, email, roles }, now) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT({ email, roles })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keySet.signing.kid })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(keySet.signing.key);
    },
  };
}
