import { inTransaction } from '@emporium/platform/db';
import type { Role } from '@emporium/platform/security';
import { normaliseRoles, roleChangeRefusal } from '../domain/roles.ts';
import { SelfDemotionRefused, UserNotFound } from '../errors.ts';
import { lockUser, type User, updateRoles } from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';

/**
 * An admin sets a user's roles (customer is always kept). The change and its UserUpdated
 * event commit together; setting the roles a user already has publishes nothing.
 */
export async function setUserRoles(
  deps: AccountDeps,
  change: { actorId: string; userId: string; roles: readonly Role[] },
): Promise<User> {
  const roles = normaliseRoles(change.roles);
  const refusal = roleChangeRefusal(change.actorId, change.userId, roles);
  if (refusal !== undefined) throw SelfDemotionRefused(refusal);
  return inTransaction(deps.db, async (trx) => {
    const before = await lockUser(trx, change.userId);
    if (!before) throw UserNotFound(`There is no user ${change.userId}`);
    const after = await updateRoles(trx, change.userId, roles);
    if (!after) throw UserNotFound(`There is no user ${change.userId}`);
    await deps.events.updated(trx, before, after, deps.clock());
    return after;
  });
}
