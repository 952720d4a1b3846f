import type { EventDefinition } from './define-event.ts';

/** `emporium.identity.user.registered.v1` → `IdentityUserRegisteredV1`. */
export function messageName(type: string): string {
  return type
    .replace(/^emporium\./, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The CloudEvents 1.0 envelope around an event's data, as JSON Schema. */
function envelopeSchema(definition: EventDefinition): object {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'Unique per event (a UUID); consumers de-duplicate on it' },
      source: { type: 'string', description: 'The producing service, e.g. identity' },
      type: { const: definition.type },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string', description: 'The entity the event is about; order is kept per subject' },
      datacontenttype: { const: 'application/json' },
      traceparent: { type: 'string', description: 'W3C trace context of the change that raised the event' },
      // TypeBox schemas are JSON Schema; their Symbol keys do not survive JSON.stringify.
      data: JSON.parse(JSON.stringify(definition.schema)),
    },
  };
}

/**
 * An AsyncAPI 3.0 document of every event: one channel per event type (its address is the
 * type, which is the NATS subject and the pg-boss event name) and one send operation.
 */
export function buildAsyncApiDocument(events: readonly EventDefinition[]): object {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  for (const definition of [...events].sort((a, b) => a.type.localeCompare(b.type))) {
    const name = messageName(definition.type);
    const source = definition.type.split('.')[1];
    messages[name] = {
      name,
      title: definition.type,
      summary: definition.description,
      contentType: 'application/cloudevents+json',
      payload: envelopeSchema(definition),
    };
    channels[name] = {
      address: definition.type,
      description: definition.description,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`send${name}`] = {
      action: 'send',
      summary: `${source} publishes ${definition.type} through its outbox`,
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Emporium integration events',
      version: '1.0.0',
      description:
        'Every event the Emporium services publish, as CloudEvents 1.0 JSON. Generated from ' +
        'packages/contracts/src/events by `npm run asyncapi`; do not edit.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
