import type { EventData, EventDefinition } from '@emporium/contracts';
import type { Kysely } from 'kysely';
import { waitFor } from '../../testing/wait-for.ts';
import { type CloudEvent, createCloudEvent } from '../cloud-event.ts';
import type { EventTransport, Subscription } from '../event-transport.ts';
import type { MessagingTables } from '../store/messaging-schema.ts';
import { publishEvents } from './publish-events.ts';

/**
 * For tests of a consumer on a real bus: stands in for the other contexts. It subscribes (as
 * its own group, before anything is published) to the event types the service under test
 * answers with, keeps what arrives, and publishes events as another context would, or the
 * same envelope again (a redelivery the service's inbox must skip).
 */
export interface BusProbe {
  /** Everything received, in arrival order. */
  readonly received: CloudEvent[];
  /** Publishes a new event as `source`; returns the envelope, for `redeliver`. */
  publish<Definition extends EventDefinition>(
    source: string,
    definition: Definition,
    subject: string,
    data: EventData<Definition>,
  ): Promise<CloudEvent>;
  /** Publishes the very same envelope again (same id). */
  redeliver(event: CloudEvent): Promise<void>;
  /** The first received event of this type about `about` (its subject, or the order its data names), waiting up to 30 s. */
  next<Definition extends EventDefinition>(
    definition: Definition,
    about: string,
  ): Promise<CloudEvent<EventData<Definition>>>;
  /** The received events about `about` (as for next), oldest first. */
  about(about: string): CloudEvent[];
  close(): Promise<void>;
}

/** Whether the event's subject is `about`, or its data names `about` as its order (payments' events are about payments). */
function isAbout(event: CloudEvent, about: string): boolean {
  if (event.subject === about) return true;
  const { data } = event;
  return typeof data === 'object' && data !== null && 'orderId' in data && data.orderId === about;
}

export async function startBusProbe(
  transport: EventTransport,
  options: { group: string; listensTo: readonly EventDefinition[] },
): Promise<BusProbe> {
  const received: CloudEvent[] = [];
  const subscription: Subscription = await transport.subscribe({
    group: options.group,
    types: options.listensTo.map((definition) => definition.type),
    async onDelivery(delivery) {
      received.push(JSON.parse(delivery.body));
      await delivery.ack();
    },
  });
  const send = (event: CloudEvent) => publishEvents(transport, event);
  return {
    received,
    async publish(source, definition, subject, data) {
      const event = createCloudEvent(source, definition, { subject, data });
      await send(event);
      return event;
    },
    redeliver: send,
    async next<Definition extends EventDefinition>(definition: Definition, about: string) {
      const found = await waitFor(
        `${definition.type} about ${about}`,
        () => received.find((event) => event.type === definition.type && isAbout(event, about)),
        { timeoutMs: 30_000 },
      );
      // The service validated the data against this very definition before publishing it.
      return found as CloudEvent<EventData<Definition>>;
    },
    about: (about) => received.filter((event) => isAbout(event, about)),
    close: () => subscription.close(),
  };
}

/**
 * Waits (up to 30 s) until a consumer group of the service whose database this is has handled
 * or skipped each event: its inbox holds every id. Then whatever the handling wrote is committed.
 */
export async function waitUntilHandled<Schema extends MessagingTables>(
  db: Kysely<Schema>,
  group: string,
  eventIds: readonly string[],
): Promise<void> {
  const inbox = db as unknown as Kysely<MessagingTables>;
  await waitFor(
    `${group} to handle ${eventIds.length} event(s)`,
    async () => {
      const rows = await inbox
        .selectFrom('inbox')
        .select('event_id')
        .where('consumer_group', '=', group)
        .where('event_id', 'in', eventIds)
        .execute();
      return rows.length === eventIds.length;
    },
    { timeoutMs: 30_000 },
  );
}
