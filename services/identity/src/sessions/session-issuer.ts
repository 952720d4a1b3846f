import { randomUUID } from 'node:crypto';
import { inTransaction } from '@emporium/platform/db';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import {
  judgeRefreshToken,
  looksLikeRefreshToken,
  refreshTokenExpiry,
} from '../domain/refresh-token-rules.ts';
import { RefreshTokenInvalid, RefreshTokenReused } from '../errors.ts';
import type { AccessTokenSigner } from '../keys/access-token-signer.ts';
import type { IdentityDatabase, RevocationReason } from '../store/database.ts';
import {
  insertFamily,
  insertRefreshToken,
  lockRefreshToken,
  markRotated,
  revokeFamilies,
} from '../store/refresh-tokens-store.ts';
import { findUserById, type User } from '../store/users-store.ts';
import { hashRefreshToken, newRefreshToken } from './refresh-token.ts';

/** What a client holds after logging in or refreshing. */
export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface SessionIssuer {
  /** Starts a new refresh-token family for `user`, inside the caller's transaction. */
  start(trx: Kysely<IdentityDatabase>, user: User): Promise<Session>;
  /** Rotates a refresh token into a new session of the same family (see domain/refresh-token-rules.ts). */
  refresh(refreshToken: string): Promise<Session>;
  /** Revokes the family of a refresh token. Unknown or already revoked tokens are fine. */
  end(refreshToken: string): Promise<void>;
  /** Revokes every family of a user, e.g. after a password change. */
  endAll(db: Kysely<IdentityDatabase>, userId: string, reason: RevocationReason): Promise<void>;
}

export interface SessionIssuerOptions {
  db: Kysely<IdentityDatabase>;
  signer: AccessTokenSigner;
  refreshTokenTtlDays: number;
  clock: Clock;
}

type RefreshOutcome =
  | { verdict: 'rotate'; session: Session }
  | { verdict: 'reused' | 'revoked' | 'expired' | 'unknown' };

export function createSessionIssuer({
  db,
  signer,
  refreshTokenTtlDays,
  clock,
}: SessionIssuerOptions): SessionIssuer {
  async function issue(
    trx: Kysely<IdentityDatabase>,
    user: User,
    familyId: string,
    now: Date,
  ): Promise<Session> {
    const { token, hash } = newRefreshToken();
    await insertRefreshToken(trx, {
      id: randomUUID(),
      familyId,
      tokenHash: hash,
      issuedAt: now,
      expiresAt: refreshTokenExpiry(now, refreshTokenTtlDays),
    });
    const accessToken = await signer.sign({ userId: user.id, email: user.email, roles: user.roles }, now);
    return { user, accessToken, refreshToken: token, expiresIn: signer.ttlSeconds };
  }

  return {
    async start(trx, user) {
      const now = clock();
      const familyId = randomUUID();
      await insertFamily(trx, { id: familyId, userId: user.id, createdAt: now });
      return issue(trx, user, familyId, now);
    },

    async refresh(refreshToken) {
      if (!looksLikeRefreshToken(refreshToken)) throw RefreshTokenInvalid('This is not a refresh token');
      const now = clock();
      // The verdict is returned, not thrown, so that a reuse's revocation commits before we answer.
      const outcome = await inTransaction(db, async (trx): Promise<RefreshOutcome> => {
        const token = await lockRefreshToken(trx, hashRefreshToken(refreshToken));
        if (!token) return { verdict: 'unknown' };
        const verdict = judgeRefreshToken(token, now);
        if (verdict === 'reused') await revokeFamilies(trx, { familyId: token.familyId }, now, 'reuse');
        if (verdict !== 'rotate') return { verdict };
        const user = await findUserById(trx, token.userId);
        if (!user) return { verdict: 'unknown' };
        await markRotated(trx, token.id, now);
        return { verdict, session: await issue(trx, user, token.familyId, now) };
      });
      switch (outcome.verdict) {
        case 'rotate':
          return outcome.session;
        case 'reused':
          throw RefreshTokenReused(
            'This refresh token was already used, so it may have been stolen: every session started from the same login is now revoked. Log in again.',
          );
        case 'revoked':
          throw RefreshTokenInvalid('This session was ended; log in again');
        case 'expired':
          throw RefreshTokenInvalid('This refresh token has expired; log in again');
        case 'unknown':
          throw RefreshTokenInvalid('This refresh token is not known');
      }
    },

    async end(refreshToken) {
      if (!looksLikeRefreshToken(refreshToken)) return;
      await revokeFamilies(db, { tokenHash: hashRefreshToken(refreshToken) }, clock(), 'logout');
    },

    async endAll(trx, userId, reason) {
      await revokeFamilies(trx, { userId }, clock(), reason);
    },
  };
}
