import { randomUUID } from 'node:crypto';
import type { EventData, EventDefinition } from '@emporium/contracts';
import { context, propagation } from '@opentelemetry/api';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The CloudEvents 1.0 JSON envelope every event travels in (spec: cloudevents/spec,
 * json-format.md). `traceparent` is the distributed-tracing extension, so a consumer's
 * span joins the producer's trace.
 */
export const CloudEventEnvelope = Type.Object(
  {
    specversion: Type.Literal('1.0'),
    id: Type.String({ minLength: 1, maxLength: 200 }),
    source: Type.String({ minLength: 1 }),
    type: Type.String({ minLength: 1 }),
    time: Type.String({ format: 'date-time' }),
    subject: Type.String({ minLength: 1 }),
    datacontenttype: Type.Literal('application/json'),
    traceparent: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
    ),
    data: Type.Unknown(),
  },
  { additionalProperties: true },
);

export type CloudEvent<Data = unknown> = Omit<Static<typeof CloudEventEnvelope>, 'data'> & { data: Data };

export interface NewEvent<Definition extends EventDefinition> {
  /** The entity the event is about (its id); the bus keeps order per subject. */
  subject: string;
  data: EventData<Definition>;
}

/** Wraps data in an envelope: a fresh UUID, the time, and the active trace context. */
export function createCloudEvent<Definition extends EventDefinition>(
  source: string,
  definition: Definition,
  event: NewEvent<Definition>,
  now: Date = new Date(),
): CloudEvent<EventData<Definition>> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type: definition.type,
    time: now.toISOString(),
    subject: event.subject,
    datacontenttype: 'application/json',
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    data: event.data,
  };
}
