import type { EventDefinition } from '@emporium/contracts';
import { type QueryExecutorProvider, sql } from 'kysely';
import { type CloudEvent, createCloudEvent, type NewEvent } from './cloud-event.ts';

/** The LISTEN/NOTIFY channel that wakes the outbox relay of the database it is raised in. */
export const OUTBOX_CHANNEL = 'emporium_outbox';

export interface EventPublisher {
  /**
   * Records an event in the outbox, inside the caller's transaction: it is published if and
   * only if the change that raised it commits. Returns the envelope written.
   */
  publish<Definition extends EventDefinition>(
    /** The caller's transaction (any schema: only the outbox table is written). */
    trx: QueryExecutorProvider,
    definition: Definition,
    event: NewEvent<Definition>,
  ): Promise<CloudEvent>;
}

export function createEventPublisher(source: string, clock: () => Date = () => new Date()): EventPublisher {
  return {
    async publish(trx, definition, event) {
      const envelope = createCloudEvent(source, definition, event, clock());
      // Raw SQL so that any service's transaction fits, whatever its schema type.
      await sql`insert into outbox (id, type, subject, body)
        values (${envelope.id}, ${envelope.type}, ${envelope.subject}, ${JSON.stringify(envelope)})`.execute(
        trx,
      );
      // Delivered to listeners when (and only if) the transaction commits.
      await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
      return envelope;
    },
  };
}
