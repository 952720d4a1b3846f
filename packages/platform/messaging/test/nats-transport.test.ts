import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
// wait-for.ts itself: the testing index also loads the HTTP host, seconds of start-up.
import { waitFor } from '../../testing/wait-for.ts';
import type { Delivery, EventTransport, OutgoingEvent, SubscribeOptions } from '../event-transport.ts';
import { createNatsTransport } from '../transports/nats-transport.ts';
import { natsSkipReason } from './conformance/buses.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const skipReason = await natsSkipReason(url);
/** This run's streams and subjects only: nothing it publishes reaches anyone else's. */
const streamPrefix = `NATSTEST_${randomBytes(4).toString('hex').toUpperCase()}`;
/** How long nothing more may arrive before "delivered once" counts as proven. */
const QUIET_MS = 400;

interface Received {
  member: string;
  type: string;
  n: number;
  attempt: number;
}

/** A type in a context of its own, so each test has its own stream. */
function newContext(): string {
  return Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

function event(type: string, n: number, subject = 'item-1'): OutgoingEvent {
  return { id: randomUUID(), type, subject, body: JSON.stringify({ n }) };
}

describe('NATS JetStream event transport', { skip: skipReason }, () => {
  const transports: EventTransport[] = [];
  const errors: Error[] = [];
  let admin: NatsConnection;
  let manager: JetStreamManager;

  before(async () => {
    admin = await connect({ servers: url });
    manager = await jetstreamManager(admin);
  });
  after(async () => {
    try {
      for (const transport of transports) await transport.close();
    } finally {
      for await (const name of manager.streams.names()) {
        if (name.startsWith(`${streamPrefix}_`)) await manager.streams.delete(name);
      }
      await admin.close();
    }
    assert.deepEqual(
      errors.map((error) => error.message),
      ['handler crashed before settling'],
      'nothing else went wrong',
    );
  });

  async function transport(redeliverAfterMs = 2_000): Promise<EventTransport> {
    const created = await createNatsTransport({
      servers: url,
      streamPrefix,
      redeliverAfterMs,
      onError: (error) => errors.push(error),
    });
    transports.push(created);
    return created;
  }

  /** Subscribes a member that records and acks every delivery (or settles as `settle` says). */
  async function member(
    on: EventTransport,
    name: string,
    received: Received[],
    options: Omit<SubscribeOptions, 'onDelivery'> & {
      settle?: (delivery: Delivery, n: number) => Promise<void>;
    },
  ) {
    const { settle = (delivery) => delivery.ack(), ...subscription } = options;
    return on.subscribe({
      ...subscription,
      async onDelivery(delivery) {
        const { n } = JSON.parse(delivery.body) as { n: number };
        received.push({ member: name, type: delivery.type, n, attempt: delivery.attempt });
        await settle(delivery, n);
      },
    });
  }

  const numbers = (received: Received[]) => received.map((delivery) => delivery.n).sort((a, b) => a - b);

  it('fans each event out to every group subscribed to its type, and to no other group', async () => {
    const [first, second] = [newContext(), newContext()];
    const placed = `emporium.${first}.order.placed.v1`;
    const cancelled = `emporium.${first}.order.cancelled.v1`;
    const paid = `emporium.${first}.order.paid.v1`;
    const shipped = `emporium.${second}.parcel.shipped.v1`;
    const bus = await transport();
    const all: Received[] = [];
    const placedOnly: Received[] = [];
    await member(bus, 'all', all, { group: 'fanout.all', types: [placed, cancelled, shipped] });
    await member(bus, 'placed', placedOnly, { group: 'fanout-placed', types: [placed] });

    await bus.publish([
      event(placed, 0),
      event(shipped, 1),
      event(cancelled, 2),
      event(placed, 3),
      event(shipped, 4),
      event(paid, 5),
    ]);

    await waitFor('five events for the first group', () => all.length >= 5);
    await waitFor('two events for the second group', () => placedOnly.length >= 2);
    await sleep(QUIET_MS);
    assert.deepEqual(numbers(all), [0, 1, 2, 3, 4], 'two of three types of one context, one of another');
    assert.deepEqual(
      all.filter((delivery) => delivery.type === shipped).map((delivery) => delivery.n),
      [1, 4],
      'a delivery carries its type',
    );
    assert.deepEqual(numbers(placedOnly), [0, 3]);

    const stream = await manager.streams.info(`${streamPrefix}_${first.toUpperCase()}`);
    assert.deepEqual(stream.config.subjects, [`${streamPrefix.toLowerCase()}.${first}.>`]);
    assert.equal(stream.config.storage, 'file');
    const consumers = await manager.consumers.list(stream.config.name).next();
    assert.deepEqual(consumers.map((consumer) => consumer.name).sort(), ['fanout-placed', 'fanout_all']);
  });

  it('starts a new group at the beginning of the stream, with the events published before it', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    await (await transport()).publish([event(type, 0), event(type, 1)]);
    const received: Received[] = [];
    await member(await transport(), 'late', received, { group: 'late', types: [type] });
    await waitFor('the two earlier events', () => received.length >= 2);
    assert.deepEqual(numbers(received), [0, 1]);
  });

  it('gives each event to one member of a group (competing consumers)', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const received: Received[] = [];
    await member(await transport(), 'one', received, { group: 'competing', types: [type] });
    await member(await transport(), 'two', received, { group: 'competing', types: [type] });

    const publisher = await transport();
    await publisher.publish(Array.from({ length: 30 }, (_, n) => event(type, n, `item-${n % 3}`)));

    await waitFor('30 events handled', () => received.length >= 30);
    await sleep(QUIET_MS);
    assert.deepEqual(
      numbers(received),
      Array.from({ length: 30 }, (_, n) => n),
    );
    const members = new Set(received.map((delivery) => delivery.member));
    assert.deepEqual([...members].sort(), ['one', 'two'], 'both members took a share');
  });

  it('redelivers an event retried later, or failed unsettled, until it is acked', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const received: Received[] = [];
    // Long enough that only retryLater and the unsettled failure can bring the event back in time.
    await member(await transport(60_000), 'only', received, {
      group: 'retrying',
      types: [type],
      async settle(delivery) {
        if (delivery.attempt === 1) return delivery.retryLater(100);
        if (delivery.attempt === 2) throw new Error('handler crashed before settling');
        return delivery.ack();
      },
    });

    await (await transport()).publish([event(type, 7)]);

    await waitFor('the third attempt', () => received.length >= 3, { timeoutMs: 5_000 });
    await sleep(QUIET_MS);
    assert.deepEqual(
      received.map((delivery) => delivery.attempt),
      [1, 2, 3],
      'acked on the third attempt, then never again',
    );
    assert.ok(errors.some((error) => error.message === 'handler crashed before settling'));
  });

  it('keeps a delivery with its member while a slow handler runs, and close waits for it', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const received: Received[] = [];
    const finished: number[] = [];
    const subscription = await member(await transport(1_000), 'slow', received, {
      group: 'slow',
      types: [type],
      async settle(delivery, n) {
        // The handler's own work, longer than the consumer's 1 s ack wait.
        await sleep(n === 0 ? 1_600 : 300);
        finished.push(n);
        await delivery.ack();
      },
    });
    const publisher = await transport();
    await publisher.publish([event(type, 0)]);
    await waitFor('the slow handler to finish', () => finished.length >= 1);
    await sleep(QUIET_MS);
    assert.deepEqual(
      received,
      [{ member: 'slow', type, n: 0, attempt: 1 }],
      'not handed out again meanwhile',
    );

    await publisher.publish([event(type, 1)]);
    await waitFor('the second handler to start', () => received.length >= 2);
    await subscription.close();
    assert.deepEqual(finished, [0, 1], 'close returned after the handler in hand finished');
  });

  it("keeps a group's events while no member runs and delivers them when one subscribes again", async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const publisher = await transport();
    const earlier: Received[] = [];
    const subscription = await member(await transport(), 'earlier', earlier, {
      group: 'durable',
      types: [type],
    });
    await publisher.publish([event(type, 0)]);
    await waitFor('the first event', () => earlier.length >= 1);
    await subscription.close();

    await publisher.publish([event(type, 1), event(type, 2), event(type, 3)]);
    const later: Received[] = [];
    await member(await transport(), 'later', later, { group: 'durable', types: [type] });

    await waitFor('the three events published while no member ran', () => later.length >= 3);
    await sleep(QUIET_MS);
    assert.deepEqual(numbers(earlier), [0]);
    assert.deepEqual(numbers(later), [1, 2, 3], 'the acked event is not delivered again');
  });

  it('delivers an event published twice (same id) once', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const received: Received[] = [];
    await member(await transport(), 'only', received, { group: 'dedupe', types: [type] });
    const publisher = await transport();
    const once = event(type, 1);
    const other = event(type, 2);

    await publisher.publish([once, other]);
    // A relay that crashed before marking the batch sent, sending it again.
    await publisher.publish([once, other]);
    await (await transport()).publish([once]);

    await waitFor('both events', () => received.length >= 2);
    await sleep(QUIET_MS);
    assert.deepEqual(numbers(received), [1, 2]);
  });

  it('keeps publish order per subject with one member at concurrency 1, retries included', async () => {
    const type = `emporium.${newContext()}.item.noted.v1`;
    const received: Received[] = [];
    await member(await transport(), 'only', received, {
      group: 'ordered',
      types: [type],
      concurrency: 1,
      // A retry holds back the events after it rather than letting them overtake.
      settle: (delivery, n) =>
        n === 10 && delivery.attempt === 1 ? delivery.retryLater(50) : delivery.ack(),
    });

    await (await transport()).publish(Array.from({ length: 50 }, (_, n) => event(type, n, 'one-subject')));

    await waitFor('51 deliveries', () => received.length >= 51);
    const acked = received.filter((delivery) => !(delivery.n === 10 && delivery.attempt === 1));
    assert.deepEqual(
      acked.map((delivery) => delivery.n),
      Array.from({ length: 50 }, (_, n) => n),
    );
    assert.deepEqual(received[10], { member: 'only', type, n: 10, attempt: 1 });
    assert.deepEqual(received[11], { member: 'only', type, n: 10, attempt: 2 });
  });
});
