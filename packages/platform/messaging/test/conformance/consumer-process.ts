/**
 * A consumer in a process of its own, for the "killed mid-handler" conformance test: it
 * subscribes, prints "subscribed", and on an event with `hang: true` prints "entered" and
 * never finishes, waiting for its SIGKILL.
 */
import { defineEvent } from '@emporium/contracts';
import { createDatabase } from '../../../db/index.ts';
import { handleEvent, startEventConsumer } from '../../event-consumer.ts';
import { connectBus } from './buses.ts';
import { type ConformanceTables, NotedData, quietLogger } from './conformance-bus.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const definition = defineEvent(required('EVENT_TYPE'), NotedData, 'a conformance test event');
const group = required('GROUP');
const database = createDatabase<ConformanceTables>({ url: required('DATABASE_URL'), poolMax: 2 });
const transport = await connectBus(required('BUS'), required('BUS_URL'), {
  redeliverAfterMs: Number(required('REDELIVER_AFTER_MS')),
  streamPrefix: process.env.BUS_STREAM_PREFIX,
});
await startEventConsumer<ConformanceTables>({
  transport,
  db: database.db,
  group,
  logger: quietLogger,
  handlers: [
    handleEvent<ConformanceTables, typeof definition>(definition, async (trx, event) => {
      if (event.data.hang) {
        process.stdout.write('entered\n');
        await new Promise(() => {});
      }
      await trx
        .insertInto('received')
        .values({
          consumer_group: group,
          event_id: event.id,
          subject: event.subject,
          n: event.data.n,
          member: 'child',
        })
        .execute();
    }),
  ],
});
process.stdout.write('subscribed\n');
