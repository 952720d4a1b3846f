import type { Logger } from '@emporium/platform/log';
import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import { normaliseEmail } from '../domain/email.ts';
import { normaliseRoles } from '../domain/roles.ts';
import type { IdentityDatabase } from '../store/database.ts';
import { findCredentialsByEmail, insertUserIfEmailFree, updateRoles } from '../store/users-store.ts';

export type AdminBootstrapOutcome = 'created' | 'promoted' | 'present' | 'refused';

/**
 * Makes sure the configured first admin exists, on every start. Idempotent, and safe when
 * several instances start at once (the insert does nothing if another won). An existing
 * account is made admin only if ADMIN_PASSWORD is its password: otherwise whoever
 * registered that email first would become admin. Its password is never overwritten.
 */
export async function bootstrapAdmin(
  db: Kysely<IdentityDatabase>,
  passwords: PasswordHasher,
  admin: { email: string; password: string },
  logger: Logger,
): Promise<AdminBootstrapOutcome> {
  const email = normaliseEmail(admin.email);
  const created = await insertUserIfEmailFree(db, {
    email,
    name: 'Administrator',
    passwordHash: await passwords.hash(admin.password),
    roles: normaliseRoles(['admin']),
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
  await updateRoles(db, existing.id, normaliseRoles([...existing.roles, 'admin']));
  logger.info({ userId: existing.id, email }, 'existing account made admin from ADMIN_EMAIL');
  return 'promoted';
}
