import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase, waitFor } from '@emporium/platform/testing';
import PgBoss from 'pg-boss';
import type { Delivery, EventTransport, OutgoingEvent } from '../event-transport.ts';
import {
  createPostgresTransport,
  type PostgresTransportOptions,
  queueNameOf,
} from '../transports/postgres-transport.ts';

/** How long a test watches to prove that no further delivery arrives. */
const NOTHING_MORE_ARRIVES_MS = 1_500;

interface Received {
  type: string;
  body: string;
  attempt: number;
  at: number;
}

/** A fresh context per test, so each test has its own types and pg-boss queues. */
function freshContext(): string {
  return `c${randomBytes(5).toString('hex')}`;
}

function outgoing(type: string, subject: string, n: number): OutgoingEvent {
  return { id: randomUUID(), type, subject, body: JSON.stringify({ n, subject }) };
}

/** A consumer that records each delivery and acknowledges it. */
function recorder(onEach?: (delivery: Delivery) => Promise<void>) {
  const received: Received[] = [];
  return {
    received,
    bodies: () => received.map((delivery) => delivery.body),
    async onDelivery(delivery: Delivery) {
      received.push({ type: delivery.type, body: delivery.body, attempt: delivery.attempt, at: Date.now() });
      if (onEach) await onEach(delivery);
      else await delivery.ack();
    },
  };
}

describe('postgres event transport (pg-boss)', () => {
  let bus: TestDatabase;
  const transports: EventTransport[] = [];
  const errors: Error[] = [];
  let first: EventTransport;
  let second: EventTransport;

  async function connect(options: Partial<PostgresTransportOptions> = {}): Promise<EventTransport> {
    const transport = await createPostgresTransport({
      url: bus.url,
      pollingIntervalSeconds: 0.5,
      onError: (error) => errors.push(error),
      ...options,
    });
    transports.push(transport);
    return transport;
  }

  before(async () => {
    bus = await createTestDatabase('bus');
    // Two instances installing pg-boss in a fresh database at the same moment, as two
    // services starting together would.
    [first, second] = await Promise.all([connect(), connect()]);
  });
  after(async () => {
    for (const transport of transports) await transport.close();
    await bus?.drop();
  });

  it('fans every event out to each subscribed group', async (t) => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const groups = ['fan-a', 'fan-b', 'fan.c', 'fan-d'];
    const recorders = groups.map(() => recorder());
    // Subscribing at once also creates the groups' queues at once (pg-boss alone deadlocks).
    const subscriptions = await Promise.all(
      groups.map((group, i) =>
        (i % 2 ? second : first).subscribe({ group, types: [type], onDelivery: recorders[i]!.onDelivery }),
      ),
    );
    t.after(() => Promise.all(subscriptions.map((subscription) => subscription.close())));

    const events = Array.from({ length: 5 }, (_, n) => outgoing(type, `widget-${n}`, n));
    await first.publish(events);

    for (const [i, group] of groups.entries()) {
      const received = recorders[i]!;
      await waitFor(`group ${group} to receive 5 events`, () => received.received.length >= 5);
      assert.deepEqual(
        received.bodies(),
        events.map((event) => event.body),
      );
      assert.ok(received.received.every((delivery) => delivery.type === type && delivery.attempt === 1));
    }
  });

  it('gives each event to exactly one member of a group', async (t) => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const handledBy = new Map<string, string[]>();
    const member = (name: string) =>
      recorder(async (delivery) => {
        handledBy.set(delivery.body, [...(handledBy.get(delivery.body) ?? []), name]);
        await sleep(20); // the handler's own work, so both members get a share
        await delivery.ack();
      });
    const one = member('one');
    const two = member('two');
    const subscriptions = [
      await first.subscribe({ group: 'competing', types: [type], onDelivery: one.onDelivery }),
      await second.subscribe({ group: 'competing', types: [type], onDelivery: two.onDelivery }),
    ];
    t.after(() => Promise.all(subscriptions.map((subscription) => subscription.close())));

    const events = Array.from({ length: 60 }, (_, n) => outgoing(type, `widget-${n % 7}`, n));
    await first.publish(events);
    await waitFor('all 60 events to be handled', () => handledBy.size >= 60);
    await sleep(NOTHING_MORE_ARRIVES_MS);

    assert.equal(one.received.length + two.received.length, 60, 'no event was handled twice');
    assert.ok([...handledBy.values()].every((members) => members.length === 1));
    assert.ok(one.received.length > 0 && two.received.length > 0, 'both members took a share');
  });

  it('redelivers after retryLater, and after a throw, with the attempt counted; ack ends it', async (t) => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const flaky = recorder(async (delivery) => {
      if (delivery.attempt === 1) await delivery.retryLater(700);
      else if (delivery.attempt === 2) throw new Error('handler failed on attempt 2');
      else await delivery.ack();
    });
    const subscription = await first.subscribe({
      group: 'retrying',
      types: [type],
      onDelivery: flaky.onDelivery,
    });
    t.after(() => subscription.close());

    await second.publish([outgoing(type, 'widget-1', 1)]);
    await waitFor('the third attempt', () => flaky.received.length >= 3, { timeoutMs: 15_000 });
    await sleep(NOTHING_MORE_ARRIVES_MS);

    const [one, two, three] = flaky.received;
    assert.deepEqual(
      flaky.received.map((delivery) => delivery.attempt),
      [1, 2, 3],
      'acknowledged on attempt 3, never delivered again',
    );
    const afterRetryLater = two!.at - one!.at;
    const afterThrow = three!.at - two!.at;
    assert.ok(
      afterRetryLater >= 650 && afterRetryLater < 2_500,
      `retryLater(700) redelivered after ${afterRetryLater} ms`,
    );
    assert.ok(
      afterThrow >= 950 && afterThrow < 3_000,
      `a throw redelivered after ${afterThrow} ms (1000 expected)`,
    );
    assert.ok(
      errors.some((error) => error.message === 'handler failed on attempt 2'),
      'the throw was reported',
    );
  });

  it("keeps a group's events while no member runs, and nothing from before it subscribed", async () => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const [early, whileUp, whileDown1, whileDown2] = [0, 1, 2, 3].map((n) => outgoing(type, 'widget', n));
    await first.publish([early!]);

    const memberProcess = await connect();
    const beforeRestart = recorder();
    await memberProcess.subscribe({ group: 'durable', types: [type], onDelivery: beforeRestart.onDelivery });
    await first.publish([whileUp!]);
    await waitFor('the running member to receive an event', () => beforeRestart.received.length >= 1);
    await memberProcess.close();

    await first.publish([whileDown1!, whileDown2!]);
    const restartedProcess = await connect();
    const afterRestart = recorder();
    await restartedProcess.subscribe({
      group: 'durable',
      types: [type],
      onDelivery: afterRestart.onDelivery,
    });
    await waitFor('the restarted member to receive the backlog', () => afterRestart.received.length >= 2);

    // In order per subject: an event kept from before the subscription would have come first.
    assert.deepEqual(beforeRestart.bodies(), [whileUp!.body]);
    assert.deepEqual(afterRestart.bodies(), [whileDown1!.body, whileDown2!.body]);
  });

  it('queues a re-published event id once', async (t) => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const deduped = recorder();
    const subscription = await second.subscribe({
      group: 'dedupe',
      types: [type],
      onDelivery: deduped.onDelivery,
    });
    t.after(() => subscription.close());
    const event = outgoing(type, 'widget', 1);
    const marker = outgoing(type, 'widget', 2);

    await first.publish([event, event]);
    await waitFor('the event to be handled', () => deduped.received.length >= 1);
    // A relay that crashed after the bus confirmed sends the event again, from another instance.
    await second.publish([event]);
    await first.publish([marker]);
    await waitFor('the marker published after the duplicate', () => deduped.bodies().includes(marker.body));

    // Publish order is delivery order here, so a queued duplicate would have come before the marker.
    assert.deepEqual(deduped.bodies(), [event.body, marker.body]);
  });

  it('delivers the events of one subject in publish order, whatever their type, retries included', async (t) => {
    const context = freshContext();
    const types = [`emporium.${context}.widget.made.v1`, `emporium.${context}.widget.painted.v1`];
    const events = Array.from({ length: 50 }, (_, n) => outgoing(types[n % 2]!, 'widget-1', n));
    const retried = events[20]!;
    const ordered = recorder(async (delivery) => {
      if (delivery.body === retried.body && delivery.attempt === 1) await delivery.retryLater(300);
      else await delivery.ack();
    });
    const subscription = await second.subscribe({ group: 'ordered', types, onDelivery: ordered.onDelivery });
    t.after(() => subscription.close());

    for (let batch = 0; batch < 5; batch++) await first.publish(events.slice(batch * 10, batch * 10 + 10));
    await waitFor('51 deliveries', () => ordered.received.length >= 51, { timeoutMs: 15_000 });

    // The retried event is tried again before any event after it: none overtakes it.
    const expected = [...events.slice(0, 21), ...events.slice(20)];
    assert.deepEqual(
      ordered.bodies(),
      expected.map((event) => event.body),
    );
    assert.deepEqual(
      ordered.received.map((delivery) => delivery.type),
      expected.map((event) => event.type),
    );
  });

  it('keeps a slow delivery with its live member past the redelivery time', async (t) => {
    const leased = await connect({ redeliverAfterMs: 1_000 });
    const type = `emporium.${freshContext()}.widget.made.v1`;
    let acknowledged = false;
    const slow = recorder(async (delivery) => {
      // The handler's own work, well past an expiry (1 s lease, then up to two 1 s maintenance rounds).
      await sleep(4_000);
      await delivery.ack();
      acknowledged = true;
    });
    // Two members: an expired delivery would go to the idle one while the first still runs it.
    const subscriptions = [
      await leased.subscribe({ group: 'slow', types: [type], onDelivery: slow.onDelivery }),
      await leased.subscribe({ group: 'slow', types: [type], onDelivery: slow.onDelivery }),
    ];
    t.after(() => Promise.all(subscriptions.map((subscription) => subscription.close())));

    const lateErrors = errors.length;
    await leased.publish([outgoing(type, 'widget', 1)]);
    await waitFor('the slow handler to finish', () => acknowledged, { timeoutMs: 10_000 });
    await sleep(NOTHING_MORE_ARRIVES_MS);
    assert.equal(slow.received.length, 1, 'the heartbeat kept it from going to the other member');
    assert.deepEqual(errors.slice(lateErrors), [], 'its ack was in time');
  });

  it('redelivers the event of a member that died holding it, once its lease runs out', async (t) => {
    const leased = await connect({ redeliverAfterMs: 1_000 });
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const group = 'survivors';
    const survivor = recorder();
    // Subscribing creates the queue; the survivor starts working it only after the crash.
    await (await leased.subscribe({ group, types: [type], onDelivery: survivor.onDelivery })).close();
    const event = outgoing(type, 'widget', 1);
    await leased.publish([event]);

    // A member that took the event and died: fetched by a bare pg-boss, never settled.
    const dead = new PgBoss({ connectionString: bus.url, schedule: false, supervise: false });
    dead.on('error', (error) => errors.push(error));
    await dead.start();
    t.after(() => dead.stop({ graceful: false }));
    const [taken] = await dead.fetch(queueNameOf(type, group));
    assert.equal(taken?.id, event.id);

    const subscription = await leased.subscribe({ group, types: [type], onDelivery: survivor.onDelivery });
    t.after(() => subscription.close());
    await waitFor('the survivor to get the event', () => survivor.received.length >= 1, {
      timeoutMs: 10_000,
    });
    assert.deepEqual(
      survivor.received.map(({ body, attempt }) => ({ body, attempt })),
      [{ body: event.body, attempt: 2 }],
    );
  });

  it('waits on close for the delivery in hand, which still settles', async () => {
    const member = await connect();
    const type = `emporium.${freshContext()}.widget.made.v1`;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let acknowledged = false;
    const held = recorder(async (delivery) => {
      await released;
      await delivery.ack();
      acknowledged = true;
    });
    const subscription = await member.subscribe({
      group: 'closing',
      types: [type],
      onDelivery: held.onDelivery,
    });
    await member.publish([outgoing(type, 'widget', 1)]);
    await waitFor('the handler to start', () => held.received.length === 1);

    let closed = false;
    const closing = subscription.close().then(() => {
      closed = true;
    });
    await sleep(300); // a bounded look: close must still be waiting
    assert.equal(closed, false, 'close waits for the delivery in hand');
    release();
    await closing;
    assert.equal(acknowledged, true);
  });

  it('refuses a group name, an event id or a concurrency it cannot use', async () => {
    const type = `emporium.${freshContext()}.widget.made.v1`;
    const onDelivery = async (delivery: Delivery) => delivery.ack();
    await assert.rejects(first.subscribe({ group: 'no/slash', types: [type], onDelivery }), /consumer group/);
    await assert.rejects(
      first.subscribe({ group: 'g', types: ['not.emporium'], onDelivery }),
      /not an emporium/,
    );
    await assert.rejects(
      first.subscribe({ group: 'g', types: [type], onDelivery, concurrency: 0 }),
      /concurrency/,
    );
    await assert.rejects(first.publish([{ ...outgoing(type, 's', 1), id: 'evt-1' }]), /not a UUID/);
  });
});
