import { inTransaction } from '@emporium/platform/db';
import { NEW_USER_ROLES } from '../domain/roles.ts';
import { EmailTaken } from '../errors.ts';
import type { Session } from '../sessions/session-issuer.ts';
import { insertUser, isEmailRegistered } from '../store/users-store.ts';
import type { AccountDeps } from './account-deps.ts';
import { acceptEmail, acceptPassword } from './new-credentials.ts';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates a customer account and logs it in. The user, its UserRegistered event and its
 * first session commit together; a refused registration writes none of them.
 */
export async function registerAccount(deps: AccountDeps, registration: Registration): Promise<Session> {
  const email = acceptEmail(registration.email);
  acceptPassword(registration.password, email);
  // A shortcut that spares the hashing; the unique index still decides when two requests race.
  if (await isEmailRegistered(deps.db, email)) throw EmailTaken(`${email} is already registered`);
  // Hashing takes a good part of a second; do it before the transaction so no connection waits on it.
  const passwordHash = await deps.passwords.hash(registration.password);
  return inTransaction(deps.db, async (trx) => {
    const user = await insertUser(trx, {
      email,
      name: registration.name,
      passwordHash,
      roles: [...NEW_USER_ROLES],
    });
    await deps.events.registered(trx, user);
    return deps.sessions.start(trx, user);
  });
}
