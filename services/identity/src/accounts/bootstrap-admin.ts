import { inTransaction } from '@emporium/platform/db';
import type { Logger } from '@emporium/platform/log';
import { normaliseEmail } from '../domain/email.ts';
import { normaliseRoles } from '../domain/roles.ts';
import {
  findCredentialsByEmail,
  insertUserIfEmailFree,
  lockUser,
  updateRoles,
} from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';

export type AdminBootstrapOutcome = 'created' | 'promoted' | 'present' | 'refused';

/**
 * Makes sure the configured first admin exists, on every start. Idempotent, and safe when
 * several instances start at once (the insert does nothing if another won). An existing
 * account is made admin only if ADMIN_PASSWORD is its password: otherwise whoever
 * registered that email first would become admin. Its password is never overwritten.
 * A created admin publishes UserRegistered and a promoted one UserUpdated, each in the
 * transaction of its change, so an instance that lost the race publishes nothing.
 */
export async function bootstrapAdmin(
  deps: Pick<AccountDeps, 'db' | 'passwords' | 'events' | 'clock'>,
  admin: { email: string; password: string },
  logger: Logger,
): Promise<AdminBootstrapOutcome> {
  const { db, passwords, events } = deps;
  const email = normaliseEmail(admin.email);
  const passwordHash = await passwords.hash(admin.password);
  const created = await inTransaction(db, async (trx) => {
    const user = await insertUserIfEmailFree(trx, {
      email,
      name: 'Administrator',
      passwordHash,
      roles: normaliseRoles(['admin']),
    });
    if (user) await events.registered(trx, user);
    return user;
  });
  if (created) {
    logger.info({ userId: created.id, email }, 'first admin created from ADMIN_EMAIL');
    return 'created';
  }
  const existing = await findCredentialsByEmail(db, email);
  if (!existing) throw new Error(`admin ${email} was neither inserted nor found`);
  if (existing.roles.includes('admin')) return 'present';
  if (!(await passwords.verify(existing.passwordHash, admin.password))) {
    logger.warn(
      { userId: existing.id, email },
      'ADMIN_EMAIL belongs to an existing customer whose password is not ADMIN_PASSWORD; not making it admin',
    );
    return 'refused';
  }
  const promoted = await inTransaction(db, async (trx) => {
    // Read again under the row lock: another instance may have promoted it meanwhile.
    const before = await lockUser(trx, existing.id);
    if (!before || before.roles.includes('admin')) return false;
    const after = await updateRoles(trx, existing.id, normaliseRoles([...before.roles, 'admin']));
    if (after) await events.updated(trx, before, after, deps.clock());
    return after !== undefined;
  });
  if (!promoted) return 'present';
  logger.info({ userId: existing.id, email }, 'existing account made admin from ADMIN_EMAIL');
  return 'promoted';
}
