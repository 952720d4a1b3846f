import type { Kysely } from 'kysely';
import type { DeliveryEvents } from '../events/delivery-events.ts';
import type { NotificationsDatabase } from '../store/database.ts';

/** A user as identity answers GetUser; undefined when identity knows no such user. */
export type LookUpUser = (userId: string) => Promise<{ email: string; name: string } | undefined>;

/** What raising and sending notifications needs, passed in by module.ts (and by tests). */
export interface NotificationDeps {
  db: Kysely<NotificationsDatabase>;
  events: DeliveryEvents;
  clock: () => Date;
  newId: () => string;
}
