/**
 * Refresh-token families (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): every login starts a
 * family; each refresh rotates the presented token into a new one of the same family. A
 * rotated token presented again means two parties hold the family (one of them a thief),
 * so the whole family is revoked and both must log in again.
 */

export const REFRESH_TOKEN_BYTES = 32;
/** 32 random bytes in base64url, unpadded. */
const REFRESH_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

/** The facts about a presented token that decide what a refresh may do. */
export interface RefreshTokenState {
  expiresAt: Date;
  rotatedAt: Date | null;
  familyRevokedAt: Date | null;
}

export type RefreshVerdict =
  /** Rotate it: mark it used and issue the next token of the family. */
  | 'rotate'
  /** Already rotated: revoke the family. */
  | 'reused'
  /** The family was revoked (logout, reuse, password change). */
  | 'revoked'
  | 'expired';

export function judgeRefreshToken(token: RefreshTokenState, now: Date): RefreshVerdict {
  // Reuse is checked first: an old token replayed after expiry or revocation is still a theft signal.
  if (token.rotatedAt !== null) return 'reused';
  if (token.familyRevokedAt !== null) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}

export function refreshTokenExpiry(issuedAt: Date, ttlDays: number): Date {
  return new Date(issuedAt.getTime() + ttlDays * DAY_MS);
}

/** Whether a string can be one of our refresh tokens at all (saves a lookup for garbage). */
export function looksLikeRefreshToken(token: string): boolean {
  return REFRESH_TOKEN_SHAPE.test(token);
}
