import { type Kysely, sql } from 'kysely';
import type { RefreshTokenState } from '../domain/refresh-token-rules.ts';
import type { IdentityDatabase, RevocationReason } from './database.ts';

export interface NewRefreshToken {
  id: string;
  familyId: string;
  tokenHash: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface LockedRefreshToken extends RefreshTokenState {
  id: string;
  familyId: string;
  userId: string;
}

export async function insertFamily(
  db: Kysely<IdentityDatabase>,
  family: { id: string; userId: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('refresh_token_families')
    .values({ id: family.id, user_id: family.userId, created_at: family.createdAt })
    .execute();
}

export async function insertRefreshToken(
  db: Kysely<IdentityDatabase>,
  token: NewRefreshToken,
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: token.id,
      family_id: token.familyId,
      token_hash: token.tokenHash,
      issued_at: token.issuedAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/**
 * Finds a token by its hash and locks it and its family row until the transaction ends.
 * A second refresh of the same token waits here, then sees it rotated; a revocation of the
 * family waits for (or is seen by) a rotation, so no token is issued into a revoked family.
 */
export async function lockRefreshToken(
  trx: Kysely<IdentityDatabase>,
  tokenHash: string,
): Promise<LockedRefreshToken | undefined> {
  const row = await trx
    .selectFrom('refresh_tokens as token')
    .innerJoin('refresh_token_families as family', 'family.id', 'token.family_id')
    .select([
      'token.id',
      'token.family_id',
      'token.expires_at',
      'token.rotated_at',
      'family.user_id',
      'family.revoked_at',
    ])
    .where('token.token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      familyId: row.family_id,
      userId: row.user_id,
      expiresAt: row.expires_at,
      rotatedAt: row.rotated_at,
      familyRevokedAt: row.revoked_at,
    }
  );
}

export async function markRotated(trx: Kysely<IdentityDatabase>, tokenId: string, at: Date): Promise<void> {
  await trx.updateTable('refresh_tokens').set({ rotated_at: at }).where('id', '=', tokenId).execute();
}

/** Which families a revocation covers. */
export type FamilySelection = { familyId: string } | { tokenHash: string } | { userId: string };

/**
 * Revokes the selected families that are not revoked yet: one family, the family of the
 * token with this hash (if any), or every family of a user. The first revocation's time and
 * reason are kept.
 */
export async function revokeFamilies(
  db: Kysely<IdentityDatabase>,
  selection: FamilySelection,
  at: Date,
  reason: RevocationReason,
): Promise<void> {
  await db
    .updateTable('refresh_token_families')
    .set({ revoked_at: at, revoked_reason: reason })
    .where((eb) =>
      'familyId' in selection
        ? eb('id', '=', selection.familyId)
        : 'userId' in selection
          ? eb('user_id', '=', selection.userId)
          : eb(
              'id',
              '=',
              eb
                .selectFrom('refresh_tokens')
                .select('family_id')
                .where('token_hash', '=', selection.tokenHash),
            ),
    )
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Deletes tokens that have expired, then families left without tokens. A family is only
 * taken once a day old, so one being created right now (token not yet inserted) survives.
 */
export async function pruneExpiredRefreshTokens(db: Kysely<IdentityDatabase>, now: Date): Promise<number> {
  const tokens = await db.deleteFrom('refresh_tokens').where('expires_at', '<', now).executeTakeFirst();
  await db
    .deleteFrom('refresh_token_families as family')
    .where('family.created_at', '<', sql<Date>`${now}::timestamptz - interval '1 day'`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('refresh_tokens').select(sql`1`.as('one')).whereRef('family_id', '=', 'family.id')),
      ),
    )
    .execute();
  return Number(tokens.numDeletedRows);
}
