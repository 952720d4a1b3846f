import assert from 'node:assert/strict';
import type { EventData, EventDefinition } from '@emporium/contracts';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type QueryExecutorProvider, sql } from 'kysely';
import { registerTypeboxFormats } from '../../config/index.ts';
import { type CloudEvent, CloudEventEnvelope } from '../cloud-event.ts';

// Value.Check knows no string formats (uuid, email, date-time) until they are registered.
registerTypeboxFormats();

/**
 * For tests: every event in a service's outbox, oldest first, as the relay would send it.
 * Each body must be a CloudEvents 1.0 JSON envelope from `source`, and the columns the
 * relay routes by must agree with it.
 */
export async function outboxEvents(db: QueryExecutorProvider, source: string): Promise<CloudEvent[]> {
  const { rows } = await sql<{ type: string; subject: string; body: string }>`
    select type, subject, body from outbox order by seq`.execute(db);
  return rows.map((row) => {
    const event: unknown = JSON.parse(row.body);
    if (!Value.Check(CloudEventEnvelope, event)) {
      assert.fail(`not a CloudEvent: ${firstError(CloudEventEnvelope, event)}\n${row.body}`);
    }
    assert.equal(event.specversion, '1.0');
    assert.equal(event.source, source);
    assert.equal(event.datacontenttype, 'application/json');
    assert.equal(event.type, row.type, 'the outbox type column matches the envelope');
    assert.equal(event.subject, row.subject, 'the outbox subject column matches the envelope');
    return event;
  });
}

/** The outbox events about one entity (their subject), oldest first. */
export async function eventsAbout(
  db: QueryExecutorProvider,
  source: string,
  subject: string,
): Promise<CloudEvent[]> {
  return (await outboxEvents(db, source)).filter((event) => event.subject === subject);
}

/** Asserts that `event` is of `definition` and its contract schema accepts its data exactly; returns the data. */
export function dataOf<Definition extends EventDefinition>(
  definition: Definition,
  event: CloudEvent | undefined,
): EventData<Definition> {
  assert.ok(event, `expected a ${definition.type} event`);
  assert.equal(event.type, definition.type);
  const { data } = event;
  if (!Value.Check(definition.schema, data)) {
    assert.fail(`data does not match ${definition.type}: ${firstError(definition.schema, data)}`);
  }
  return data;
}

function firstError(schema: TSchema, value: unknown): string {
  const error = Value.Errors(schema, value).First();
  return error ? `${error.path || '/'} ${error.message}` : 'no error';
}
