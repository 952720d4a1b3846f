import { inTransaction } from '@emporium/platform/db';
import { CurrentPasswordIncorrect, UserNotFound } from '../errors.ts';
import { findCredentialsById, updatePasswordHash } from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';
import { acceptPassword } from './new-credentials.ts';

/**
 * Replaces a user's password after checking the current one, and ends every session: a
 * password change is what a user does when they fear someone else is logged in.
 */
export async function changePassword(
  deps: AccountDeps,
  userId: string,
  change: { currentPassword: string; newPassword: string },
): Promise<void> {
  const account = await findCredentialsById(deps.db, userId);
  if (!account) throw UserNotFound('Your account no longer exists');
  if (!(await deps.passwords.verify(account.passwordHash, change.currentPassword))) {
    throw CurrentPasswordIncorrect('The current password is not correct');
  }
  acceptPassword(change.newPassword, account.email);
  const passwordHash = await deps.passwords.hash(change.newPassword);
  await inTransaction(deps.db, async (trx) => {
    await updatePasswordHash(trx, userId, passwordHash);
    await deps.sessions.endAll(trx, userId, 'password-change');
  });
}
