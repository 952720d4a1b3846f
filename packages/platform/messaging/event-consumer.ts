import type { EventData, EventDefinition } from '@emporium/contracts';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import type { Kysely, Transaction } from 'kysely';
import { registerTypeboxFormats } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { type CloudEvent, CloudEventEnvelope } from './cloud-event.ts';
import type { Delivery, EventTransport, Subscription } from './event-transport.ts';
import type { MessagingTables } from './store/messaging-schema.ts';

registerTypeboxFormats();

/** What a service does with one event type, inside the transaction that records it as handled. */
export interface EventHandler<Schema, Definition extends EventDefinition = EventDefinition> {
  definition: Definition;
  handle(trx: Transaction<Schema>, event: CloudEvent<EventData<Definition>>): Promise<void>;
}

/** Keeps the definition and the handler's event type tied together. */
export function handleEvent<Schema, Definition extends EventDefinition>(
  definition: Definition,
  handle: (trx: Transaction<Schema>, event: CloudEvent<EventData<Definition>>) => Promise<void>,
): EventHandler<Schema, Definition> {
  return { definition, handle };
}

export interface EventConsumerOptions<Schema> {
  transport: EventTransport;
  db: Kysely<Schema & MessagingTables>;
  /** The durable group, usually `<service>.<purpose>`; each event is handled once per group. */
  group: string;
  // biome-ignore lint/suspicious/noExplicitAny: handlers of different event definitions share one list
  handlers: EventHandler<Schema, any>[];
  logger: Logger;
  /** Deliveries before an event goes to the dead letters (default 5). */
  maxAttempts?: number;
  /** Delay before the next attempt (default: 500 ms doubling, up to 30 s, with jitter). */
  retryDelayMs?: (attempt: number) => number;
  concurrency?: number;
}

export interface EventConsumer {
  readonly group: string;
  /** Runs a dead letter through the same pipeline again; returns whether it was handled. */
  replay(deadLetterId: string): Promise<'handled' | 'duplicate' | 'failed'>;
  close(): Promise<void>;
}

export function defaultRetryDelayMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

class PoisonEvent extends Error {}

const tracer = trace.getTracer('emporium.messaging');
const envelopeCheck = TypeCompiler.Compile(CloudEventEnvelope);

/**
 * Consumes events for one group: each delivery is parsed, checked against the envelope and
 * its data schema, and handled in one transaction with the insert of (group, event id) into
 * the inbox, so a redelivered event is acknowledged and skipped. A failing handler is retried
 * with backoff; after `maxAttempts`, or at once for an event that can never succeed
 * (malformed, unknown type, data failing its schema), it goes to the dead letters with the
 * reason, and the queue moves on.
 */
export async function startEventConsumer<Schema>(
  options: EventConsumerOptions<Schema>,
): Promise<EventConsumer> {
  // The consumer only touches the messaging tables and hands the transaction on to handlers.
  const db = options.db as unknown as Kysely<MessagingTables>;
  const { group, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const handlers = new Map<string, { handler: EventHandler<Schema>; check: TypeCheck<TSchema> }>(
    options.handlers.map((handler) => [
      handler.definition.type,
      { handler, check: TypeCompiler.Compile(handler.definition.schema) },
    ]),
  );

  function parse(body: string): CloudEvent {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new PoisonEvent(`malformed envelope: not JSON (${(error as Error).message})`);
    }
    if (!envelopeCheck.Check(value)) {
      const first = envelopeCheck.Errors(value).First();
      throw new PoisonEvent(`malformed envelope: ${first?.path || '/'} ${first?.message ?? 'is not valid'}`);
    }
    const known = handlers.get(value.type);
    if (!known) throw new PoisonEvent(`unknown event type ${value.type} for group ${group}`);
    if (!known.check.Check(value.data)) {
      const first = known.check.Errors(value.data).First();
      throw new PoisonEvent(`data does not match ${value.type}: ${first?.path || '/'} ${first?.message}`);
    }
    return value;
  }

  /** Handles the event once per group; false when the inbox shows it was handled already. */
  async function handleOnce(event: CloudEvent): Promise<boolean> {
    const known = handlers.get(event.type);
    if (!known) throw new PoisonEvent(`unknown event type ${event.type}`);
    const parent = propagation.extract(
      ROOT_CONTEXT,
      event.traceparent ? { traceparent: event.traceparent } : {},
    );
    return context.with(parent, () =>
      tracer.startActiveSpan(`${event.type} process`, { kind: SpanKind.CONSUMER }, async (span) => {
        span.setAttributes({ 'messaging.consumer.group.name': group, 'messaging.message.id': event.id });
        try {
          return await db.transaction().execute(async (trx) => {
            const recorded = await trx
              .insertInto('inbox')
              .values({ consumer_group: group, event_id: event.id, type: event.type })
              .onConflict((conflict) => conflict.columns(['consumer_group', 'event_id']).doNothing())
              .returning('event_id')
              .executeTakeFirst();
            if (!recorded) return false;
            await known.handler.handle(trx as unknown as Transaction<Schema>, event);
            return true;
          });
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
    );
  }

  async function deadLetter(body: string, attempts: number, reason: string): Promise<void> {
    let eventId: string | null = null;
    let type: string | null = null;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        const fields = parsed as { id?: unknown; type?: unknown };
        eventId = typeof fields.id === 'string' ? fields.id : null;
        type = typeof fields.type === 'string' ? fields.type : null;
      }
    } catch {
      // Malformed: kept as it came, with the reason.
    }
    await db
      .insertInto('dead_letters')
      .values({ consumer_group: group, event_id: eventId, type, body, error: reason, attempts })
      .execute();
    logger.warn({ group, eventId, type, attempts, reason }, 'event dead-lettered');
  }

  /** Decides how a delivery is settled; settling itself happens after, outside the handling. */
  async function settlementOf(delivery: Delivery): Promise<() => Promise<void>> {
    try {
      const event = parse(delivery.body);
      const handled = await handleOnce(event);
      if (!handled) logger.debug({ group, eventId: event.id }, 'duplicate delivery skipped');
      return () => delivery.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const poison = error instanceof PoisonEvent;
      if (!poison && delivery.attempt < maxAttempts) {
        const delay = retryDelayMs(delivery.attempt);
        logger.info(
          { group, attempt: delivery.attempt, retryInMs: delay, reason },
          'event handler failed; retrying',
        );
        return () => delivery.retryLater(delay);
      }
      try {
        const why = poison ? reason : `gave up after ${delivery.attempt} attempts: ${reason}`;
        await deadLetter(delivery.body, delivery.attempt, why);
        return () => delivery.ack();
      } catch (storeError) {
        // The dead-letter store itself failed (database down): keep the event on the bus.
        logger.error({ err: storeError, group }, 'could not dead-letter an event; retrying');
        return () => delivery.retryLater(retryDelayMs(delivery.attempt));
      }
    }
  }

  async function onDelivery(delivery: Delivery): Promise<void> {
    const settle = await settlementOf(delivery);
    try {
      await settle();
    } catch (error) {
      // The bus went away after the handling committed: it will deliver the event again once
      // the lease runs out, and the inbox will skip it. Not a handler failure.
      logger.warn({ err: error, group }, 'could not settle a delivery with the bus; it will come back');
    }
  }

  const subscription: Subscription = await options.transport.subscribe({
    group,
    types: [...handlers.keys()],
    onDelivery,
    concurrency: options.concurrency ?? 1,
  });

  return {
    group,
    async replay(deadLetterId) {
      const letter = await db
        .selectFrom('dead_letters')
        .selectAll()
        .where('id', '=', deadLetterId)
        .where('consumer_group', '=', group)
        .executeTakeFirst();
      if (!letter) throw new Error(`no dead letter ${deadLetterId} in group ${group}`);
      try {
        const handled = await handleOnce(parse(letter.body));
        await db
          .updateTable('dead_letters')
          .set({ replayed_at: new Date() })
          .where('id', '=', letter.id)
          .execute();
        return handled ? 'handled' : 'duplicate';
      } catch (error) {
        await db
          .updateTable('dead_letters')
          .set({ error: `replay failed: ${(error as Error).message}`, attempts: letter.attempts + 1 })
          .where('id', '=', letter.id)
          .execute();
        return 'failed';
      }
    },
    close: () => subscription.close(),
  };
}
