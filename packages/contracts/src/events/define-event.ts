import type { Static, TSchema } from '@sinclair/typebox';

/**
 * An integration event's contract: its CloudEvents type and the schema of its data.
 * Producers are type-checked against `Static<schema>`; consumers validate on receipt.
 * Types read `emporium.<context>.<entity>.<verb>.v<version>`; a breaking change is a new version.
 */
export interface EventDefinition<Schema extends TSchema = TSchema> {
  type: string;
  schema: Schema;
  description: string;
}

export type EventData<Definition extends EventDefinition> = Static<Definition['schema']>;

const TYPE = /^emporium\.[a-z]+(\.[a-z][a-z-]*)+\.v[0-9]+$/;

export function defineEvent<Schema extends TSchema>(
  type: string,
  schema: Schema,
  description: string,
): EventDefinition<Schema> {
  if (!TYPE.test(type))
    throw new Error(`"${type}" is not an event type (emporium.<context>.<entity>.<verb>.v<n>)`);
  return { type, schema, description };
}
