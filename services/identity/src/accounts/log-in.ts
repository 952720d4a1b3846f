import { inTransaction } from '@emporium/platform/db';
import { parseEmail } from '../domain/email.ts';
import { InvalidCredentials } from '../errors.ts';
import type { Session } from '../sessions/session-issuer.ts';
import { findCredentialsByEmail, updatePasswordHash } from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';

/**
 * Starts a session for the owner of these credentials. Every failure is the same
 * INVALID_CREDENTIALS after the same amount of hashing work, so a caller cannot tell an
 * unknown email from a wrong password.
 */
export async function logIn(
  deps: AccountDeps,
  credentials: { email: string; password: string },
): Promise<Session> {
  const parsed = parseEmail(credentials.email);
  const account = parsed.ok ? await findCredentialsByEmail(deps.db, parsed.email) : undefined;
  const matches = await deps.passwords.verify(account?.passwordHash, credentials.password);
  if (!account || !matches) throw InvalidCredentials('The email or the password is wrong');

  const { passwordHash, ...user } = account;
  const rehash = deps.passwords.needsRehash(passwordHash)
    ? await deps.passwords.hash(credentials.password)
    : undefined;
  return inTransaction(deps.db, async (trx) => {
    if (rehash !== undefined) await updatePasswordHash(trx, user.id, rehash);
    return deps.sessions.start(trx, user);
  });
}
