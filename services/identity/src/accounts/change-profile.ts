import { inTransaction } from '@emporium/platform/db';
import { UserNotFound } from '../errors.ts';
import { lockUser, type User, updateProfile } from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';
import { acceptEmail } from './new-credentials.ts';

/**
 * Changes a user's name and/or email. The change and its UserUpdated event commit together;
 * a taken email (EMAIL_TAKEN, also when a racing request took it) rolls both back.
 */
export async function changeProfile(
  deps: AccountDeps,
  userId: string,
  changes: { name?: string | undefined; email?: string | undefined },
): Promise<User> {
  const email = changes.email === undefined ? undefined : acceptEmail(changes.email);
  return inTransaction(deps.db, async (trx) => {
    // Locked, so `before` is still what the update replaces when the event compares them.
    const before = await lockUser(trx, userId);
    if (!before) throw UserNotFound('Your account no longer exists');
    const after = await updateProfile(trx, userId, { name: changes.name, email });
    if (!after) throw UserNotFound('Your account no longer exists');
    await deps.events.updated(trx, before, after, deps.clock());
    return after;
  });
}
