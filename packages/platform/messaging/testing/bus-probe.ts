import type { EventData, EventDefinition } from '@emporium/contracts';
import { waitFor } from '../../testing/wait-for.ts';
import { type CloudEvent, createCloudEvent } from '../cloud-event.ts';
import type { EventTransport, Subscription } from '../event-transport.ts';

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
  /** The first received event of this type about this subject, waiting up to 30 s for it. */
  next<Definition extends EventDefinition>(
    definition: Definition,
    subject: string,
  ): Promise<CloudEvent<EventData<Definition>>>;
  /** The received events about a subject, oldest first. */
  about(subject: string): CloudEvent[];
  close(): Promise<void>;
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
  const send = (event: CloudEvent) =>
    transport.publish([
      { id: event.id, type: event.type, subject: event.subject, body: JSON.stringify(event) },
    ]);
  return {
    received,
    async publish(source, definition, subject, data) {
      const event = createCloudEvent(source, definition, { subject, data });
      await send(event);
      return event;
    },
    redeliver: send,
    async next<Definition extends EventDefinition>(definition: Definition, subject: string) {
      const found = await waitFor(
        `${definition.type} about ${subject}`,
        () => received.find((event) => event.type === definition.type && event.subject === subject),
        { timeoutMs: 30_000 },
      );
      // The service validated the data against this very definition before publishing it.
      return found as CloudEvent<EventData<Definition>>;
    },
    about: (subject) => received.filter((event) => event.subject === subject),
    close: () => subscription.close(),
  };
}
