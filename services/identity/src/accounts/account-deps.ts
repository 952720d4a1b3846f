import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import type { Clock } from '../domain/clock.ts';
import type { UserEvents } from '../events/user-events.ts';
import type { SessionIssuer } from '../sessions/session-issuer.ts';
import type { IdentityDatabase } from '../store/database.ts';

/** What the account flows work with; built once in module.ts. */
export interface AccountDeps {
  db: Kysely<IdentityDatabase>;
  passwords: PasswordHasher;
  sessions: SessionIssuer;
  /** Writes user events to the outbox, inside the flow's transaction. */
  events: UserEvents;
  clock: Clock;
}
