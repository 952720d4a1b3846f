import type { ColumnType, Generated } from 'kysely';

/**
 * The tables the messaging chassis keeps in each service's own database, next to the
 * service's tables: an outbox written in the same transaction as the change that raised
 * the event, an inbox of handled event ids, and the dead letters a consumer gave up on.
 * A service's Kysely schema type includes these (`MyTables & MessagingTables`).
 */
export interface MessagingTables {
  outbox: {
    seq: Generated<string>;
    id: string;
    type: string;
    subject: string;
    body: string;
    created_at: Generated<Date>;
    sent_at: Date | null;
  };
  inbox: {
    consumer_group: string;
    event_id: string;
    type: string;
    handled_at: Generated<Date>;
  };
  dead_letters: {
    id: Generated<string>;
    consumer_group: string;
    event_id: string | null;
    type: string | null;
    body: string;
    error: string;
    attempts: number;
    created_at: Generated<Date>;
    replayed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  };
}
