import type { CloudEvent } from '@emporium/platform/messaging';
import * as outbox from '@emporium/platform/messaging/testing';
import type { QueryExecutorProvider } from 'kysely';

export { dataOf } from '@emporium/platform/messaging/testing';

/** Every event in identity's outbox, oldest first, each checked to be a CloudEvent from identity. */
export const outboxEvents = (db: QueryExecutorProvider): Promise<CloudEvent[]> =>
  outbox.outboxEvents(db, 'identity');

/** The outbox events about one entity of identity (their subject), oldest first. */
export const eventsAbout = (db: QueryExecutorProvider, subject: string): Promise<CloudEvent[]> =>
  outbox.eventsAbout(db, 'identity', subject);
