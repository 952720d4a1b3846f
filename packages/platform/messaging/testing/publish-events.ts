import type { EventData, EventDefinition } from '@emporium/contracts';
import { type CloudEvent, createCloudEvent } from '../cloud-event.ts';
import type { EventTransport } from '../event-transport.ts';

/** Puts whole CloudEvents on the bus, in order, as a producer's outbox relay would send them. */
export function publishEvents(
  transport: Pick<EventTransport, 'publish'>,
  ...events: CloudEvent[]
): Promise<void> {
  return transport.publish(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      subject: event.subject,
      body: JSON.stringify(event),
    })),
  );
}

/** A CloudEvent of `definition` from `source` about `subject`, as that service's relay would publish it. */
export function eventOf<Definition extends EventDefinition>(
  source: string,
  definition: Definition,
  subject: string,
  data: EventData<Definition>,
): CloudEvent {
  return createCloudEvent(source, definition, { subject, data });
}
