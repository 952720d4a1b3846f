import type { CloudEvent } from '../cloud-event.ts';
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
