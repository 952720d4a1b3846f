import { UserPreferencesChanged, UserRegistered, UserUpdated } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { Preferences } from '../domain/preferences.ts';
import type { IdentityDatabase } from '../store/database.ts';
import type { User } from '../store/users-store.ts';

/**
 * The integration events identity publishes about users. Each is written to the outbox in
 * the caller's transaction, so it reaches the bus if and only if the change it reports
 * commits; the outbox relay sends it. The subject is the user's id.
 */
export interface UserEvents {
  /** UserRegistered: an account was created (a customer's, or the configured first admin's). */
  registered(trx: Kysely<IdentityDatabase>, user: User): Promise<void>;
  /**
   * UserUpdated with the state after the change, when its name, email or roles differ from
   * `before`; nothing otherwise. Returns whether an event was written.
   */
  updated(trx: Kysely<IdentityDatabase>, before: User, after: User, at: Date): Promise<boolean>;
  /** UserPreferencesChanged with the preferences as saved (notifications follow its channels and locale). */
  preferencesChanged(
    trx: Kysely<IdentityDatabase>,
    userId: string,
    preferences: Preferences,
    at: Date,
  ): Promise<void>;
}

export function createUserEvents(publisher: EventPublisher): UserEvents {
  return {
    async registered(trx, user) {
      await publisher.publish(trx, UserRegistered, {
        subject: user.id,
        data: {
          userId: user.id,
          email: user.email,
          name: user.name,
          registeredAt: user.createdAt.toISOString(),
        },
      });
    },
    async updated(trx, before, after, at) {
      if (!changesWhatUserUpdatedCarries(before, after)) return false;
      await publisher.publish(trx, UserUpdated, {
        subject: after.id,
        data: {
          userId: after.id,
          email: after.email,
          name: after.name,
          roles: [...after.roles],
          updatedAt: at.toISOString(),
        },
      });
      return true;
    },
    async preferencesChanged(trx, userId, preferences, at) {
      await publisher.publish(trx, UserPreferencesChanged, {
        subject: userId,
        data: {
          userId,
          locale: preferences.locale,
          currency: preferences.currency,
          marketingEmails: preferences.marketingEmails,
          channels: { ...preferences.channels },
          changedAt: at.toISOString(),
        },
      });
    },
  };
}

/** Whether a consumer of UserUpdated would see a difference; a password change, say, is none of theirs. */
function changesWhatUserUpdatedCarries(before: User, after: User): boolean {
  return (
    before.name !== after.name ||
    before.email !== after.email ||
    before.roles.length !== after.roles.length ||
    before.roles.some((role) => !after.roles.includes(role))
  );
}
