/**
 * The event bus on NATS JetStream: one stream per context, one durable consumer per group.
 *
 * Naming, for a stream prefix P (default `EMPORIUM`) and its lower-case form p:
 * - An event's NATS subject is its type with the leading `emporium` replaced by p:
 *   `emporium.ordering.order.placed.v1` -> `p.ordering.order.placed.v1`, so under the default
 *   prefix the subject is the type itself, and a test run's own prefix keeps its subjects apart
 *   from every other run's and from real traffic. A delivery's type is the subject mapped back.
 * - A context's stream is `P_<CONTEXT>` in upper case (`EMPORIUM_ORDERING`), capturing
 *   `p.<context>.>`: file storage, limits retention with no limits set here (an operator may
 *   set max_age/max_bytes on it; they are kept), Msg-Id de-duplication over DUPLICATE_WINDOW_MS.
 * - A group's consumer in a stream is a durable pull consumer named after the group ('.' ->
 *   '_'; groups have no '_', so names never collide), filtered to the subjects of the group's
 *   types in that stream. A group spanning contexts has one consumer per context's stream.
 *
 * Delivery: explicit acks, max_deliver unlimited (the consumer above decides when to dead-letter)
 * and max_ack_pending = concurrency. That limit is the consumer's, shared by all of a group's
 * members, and it is what keeps order per subject: at concurrency 1 a group has one event in
 * hand at a time, and one waiting for a retry blocks the rest of its stream for that group, as
 * the postgres transport's queue per context does. More members of such a group add availability,
 * not throughput. A new group starts at the beginning of its streams (deliver policy all): it
 * receives whatever the streams still hold, not only what is published after it subscribes.
 *
 * De-duplication: each event is published with Msg-Id = its id, so the server drops a second
 * publish of an id within DUPLICATE_WINDOW_MS; a relay that comes back later than that publishes
 * it again and the consumer's inbox catches it.
 *
 * Server versions: several filter subjects on one consumer need nats-server 2.10. On an older
 * server a group with several types in one stream reads the whole stream and this member acks
 * the types it did not ask for without handing them over, which keeps the order per subject
 * across types (a consumer per type would not). All members of a group must subscribe to the
 * same types; the last member to subscribe sets the consumer's filter and limits.
 */
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  type ConsumerNotification,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import {
  contextOfType,
  type Delivery,
  type EventTransport,
  type OutgoingEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-transport.ts';

export interface NatsTransportOptions {
  /** NATS server URL(s), comma-separated: `nats://127.0.0.1:4222`. */
  servers: string;
  /** Names the streams and subjects (default `EMPORIUM`); letters, digits, '_' and '-'. */
  streamPrefix?: string;
  /** Errors no caller can be told of: a lost connection, a consumer gone, a failed settlement. */
  onError?: (error: Error) => void;
  /**
   * How long a delivery may go without its member's heartbeat before another member gets it
   * (the consumer's ack_wait): the time it takes to notice a crashed member (default 30 s, at
   * least 1 s). A member alive keeps its deliveries however long its handler takes.
   */
  redeliverAfterMs?: number;
}

/** How long the server remembers a Msg-Id to drop a second publish of it. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;
/** The contract's answer to an onDelivery that throws, or returns, without settling. */
const UNSETTLED_RETRY_DELAY_MS = 1_000;
/** JetStream's error code for creating a stream that exists with another configuration. */
const STREAM_NAME_IN_USE = 10058;
const PREFIX = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** As the postgres transport's: '.' in a group becomes '_' in its durable name. */
const GROUP = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
/** Tokens a NATS subject and stream name can carry: no wildcards, dots or spaces inside one. */
const TYPE = /^emporium\.[a-z0-9-]+(\.[A-Za-z0-9_-]+)+$/;

export async function createNatsTransport(options: NatsTransportOptions): Promise<EventTransport> {
  const prefix = options.streamPrefix ?? 'EMPORIUM';
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const redeliverAfterMs = options.redeliverAfterMs ?? 30_000;
  if (!PREFIX.test(prefix)) throw new Error(`stream prefix "${prefix}" may use letters, digits, '_' and '-'`);
  if (!(redeliverAfterMs >= 1_000)) throw new Error('redeliverAfterMs must be at least 1000');
  const root = prefix.toLowerCase();

  const subjectOf = (type: string): string => {
    if (!TYPE.test(type)) throw new Error(`"${type}" is not an event type this transport can route`);
    return `${root}${type.slice('emporium'.length)}`;
  };
  const typeOf = (subject: string): string => `emporium${subject.slice(root.length)}`;
  const streamOf = (context: string): string => `${prefix}_${context}`.toUpperCase();

  const connection = await connect({
    servers: options.servers.split(',').map((server) => server.trim()),
    name: 'emporium-event-bus',
    // A service outlives any outage of the bus: keep reconnecting rather than close.
    maxReconnectAttempts: -1,
  });
  let manager: JetStreamManager;
  try {
    manager = await jetstreamManager(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const client = jetstream(connection);
  const multipleFilters = serverAtLeast(connection, 2, 10);
  const watching = watchConnection(connection, onError);
  const streams = new Map<string, Promise<void>>();
  const members = new Set<Subscription>();
  let closing: Promise<void> | undefined;

  /** Creates the context's stream once per transport; a failure is tried again next time. */
  function ensureStream(context: string): Promise<string> {
    const name = streamOf(context);
    let ensuring = streams.get(name);
    if (!ensuring) {
      ensuring = createOrAdoptStream(manager, name, `${root}.${context}.>`);
      streams.set(name, ensuring);
      ensuring.catch(() => streams.delete(name));
    }
    return ensuring.then(() => name);
  }

  function startMember(
    subscription: SubscribeOptions,
    consumers: { messages: ConsumerMessages; skipOthers: boolean }[],
  ): Subscription {
    const { group, onDelivery } = subscription;
    const wanted = new Set(subscription.types);
    const slots = semaphore(subscription.concurrency ?? 1);
    const inFlight = new Set<Promise<void>>();
    let stopping = false;

    async function deliver(message: JsMsg, type: string): Promise<void> {
      const what = `event ${message.seq} of ${message.info.stream} (${type}) for group ${group}`;
      // working() restarts the server's ack_wait: a slow handler keeps its delivery.
      const heartbeat = setInterval(() => reply(message, 'working', onError), redeliverAfterMs / 3);
      let settled = false;
      const settle = () => {
        if (settled) throw new Error(`${what} was already acknowledged or retried`);
        settled = true;
        clearInterval(heartbeat);
      };
      const delivery: Delivery = {
        body: message.string(),
        type,
        attempt: message.info.deliveryCount,
        async ack() {
          settle();
          // Waits for the server to confirm; if that fails the event comes back after ack_wait
          // and the consumer's inbox recognises it.
          if (!(await message.ackAck())) throw new Error(`${what} could not be acknowledged`);
        },
        async retryLater(delayMs) {
          if (!Number.isFinite(delayMs)) throw new Error(`retryLater needs a delay in ms, not ${delayMs}`);
          settle();
          message.nak(Math.max(0, Math.round(delayMs)));
        },
      };
      try {
        try {
          await onDelivery(delivery);
          if (!settled) throw new Error(`onDelivery returned without settling ${what}`);
        } catch (error) {
          onError(asError(error));
          if (!settled) await delivery.retryLater(UNSETTLED_RETRY_DELAY_MS);
        }
      } catch (error) {
        // Settling failed (the connection is down): the event comes back after ack_wait.
        onError(asError(error));
      } finally {
        clearInterval(heartbeat);
      }
    }

    async function pump(messages: ConsumerMessages, skipOthers: boolean): Promise<void> {
      try {
        for await (const message of messages) {
          const type = typeOf(message.subject);
          // Read from the whole stream (an old server): the other types are not this group's.
          if (skipOthers && !wanted.has(type)) {
            reply(message, 'ack', onError);
            continue;
          }
          await slots.acquire();
          // Fetched but not started when the member stops: back to the group at once rather
          // than after ack_wait (its attempt count still goes up by one).
          if (stopping) {
            slots.release();
            reply(message, 'nak', onError);
            continue;
          }
          const delivering = deliver(message, type).finally(() => {
            inFlight.delete(delivering);
            slots.release();
          });
          inFlight.add(delivering);
        }
      } catch (error) {
        onError(asError(error));
      }
    }

    const pumps = consumers.map(({ messages, skipOthers }) => pump(messages, skipOthers));
    const watchers = consumers.map(({ messages }) => watchConsumer(messages, group, onError));
    let closed: Promise<void> | undefined;
    return {
      close() {
        closed ??= (async () => {
          stopping = true;
          for (const { messages } of consumers) messages.stop();
          await Promise.all(pumps);
          await Promise.all(inFlight);
          await Promise.all(watchers);
        })();
        return closed;
      },
    };
  }

  return {
    name: 'nats',

    async publish(events: OutgoingEvent[]) {
      if (closing) throw new Error('the nats event transport is closed');
      const routed = events.map((event) => ({ event, subject: subjectOf(event.type) }));
      for (const context of new Set(events.map((event) => contextOfType(event.type)))) {
        await ensureStream(context);
      }
      // One at a time: when an event fails, none after it has reached the stream, so a relay
      // sending the batch again cannot store a later event of a subject before an earlier one.
      for (const { event, subject } of routed) {
        try {
          await client.publish(subject, event.body, { msgID: event.id });
        } catch (error) {
          // The stream may have been deleted: create it again on the next publish.
          streams.delete(streamOf(contextOfType(event.type)));
          throw error;
        }
      }
    },

    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      if (closing) throw new Error('the nats event transport is closed');
      const { group, types, concurrency = 1 } = subscription;
      if (types.length === 0) throw new Error(`group ${group} subscribes to no event types`);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`concurrency must be a positive integer, not ${concurrency}`);
      }
      if (!GROUP.test(group)) {
        throw new Error(`consumer group "${group}" may use letters, digits, '-' and '.' only`);
      }
      const durable = group.replaceAll('.', '_');
      const subjectsOfContext = new Map<string, string[]>();
      for (const type of new Set(types)) {
        const context = contextOfType(type);
        subjectsOfContext.set(context, [...(subjectsOfContext.get(context) ?? []), subjectOf(type)]);
      }
      const consumers: { messages: ConsumerMessages; skipOthers: boolean }[] = [];
      try {
        for (const [context, subjects] of subjectsOfContext) {
          const stream = await ensureStream(context);
          const [only] = subjects;
          const skipOthers = subjects.length > 1 && !multipleFilters;
          const info = await createOrUpdateConsumer(manager, stream, {
            durable_name: durable,
            description: `emporium consumer group ${group}`,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            ack_wait: nanos(redeliverAfterMs),
            max_deliver: -1,
            max_ack_pending: concurrency,
            // Exactly one of the two filters is set; the other is cleared on an update.
            filter_subject: subjects.length === 1 ? only : undefined,
            filter_subjects: subjects.length > 1 && !skipOthers ? subjects : undefined,
          });
          const consumer = client.consumers.getConsumerFromInfo(info);
          // No more in hand than can be worked on: the rest stays with the group's other members.
          consumers.push({ messages: await consumer.consume({ max_messages: concurrency }), skipOthers });
        }
      } catch (error) {
        for (const { messages } of consumers) messages.stop();
        throw error;
      }
      const member = startMember(subscription, consumers);
      members.add(member);
      return {
        async close() {
          members.delete(member);
          await member.close();
        },
      };
    },

    async backlog(group: string, types: readonly string[]): Promise<number> {
      const durable = group.replaceAll('.', '_');
      let total = 0;
      for (const context of new Set(types.map(contextOfType))) {
        // Not yet delivered to the group, and delivered but not acknowledged.
        const info = await manager.consumers.info(streamOf(context), durable).catch(() => undefined);
        total += (info?.num_pending ?? 0) + (info?.num_ack_pending ?? 0);
      }
      return total;
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...members].map((member) => member.close()));
        members.clear();
        // Drain sends what is still buffered (acks, naks) before closing.
        if (!connection.isClosed()) await connection.drain();
        await watching;
      })();
      return closing;
    },
  };
}

/**
 * Creates the stream, or adopts one that exists under the name with other settings (an
 * operator's limits, an older transport's): its limits stay, but it must capture the context's
 * subjects and remember Msg-Ids at least as long as DUPLICATE_WINDOW_MS. Creating a stream that
 * exists with the same settings succeeds, so members starting together need no lock.
 */
async function createOrAdoptStream(manager: JetStreamManager, name: string, subject: string): Promise<void> {
  const duplicateWindow = nanos(DUPLICATE_WINDOW_MS);
  try {
    await manager.streams.add({
      name,
      subjects: [subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: duplicateWindow,
    });
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
    const { config } = await manager.streams.info(name);
    const subjects = config.subjects.includes(subject) ? config.subjects : [...config.subjects, subject];
    if (subjects !== config.subjects || config.duplicate_window < duplicateWindow) {
      await manager.streams.update(name, {
        subjects,
        duplicate_window: Math.max(config.duplicate_window, duplicateWindow),
      });
    }
  }
}

/**
 * Creates the durable consumer or brings an existing one to this configuration. nats-server
 * 2.9 treats a create as create-or-update; 2.10 and later refuse to change a consumer through
 * create, so the changeable part is sent as an update (deliver and ack policy cannot change).
 */
async function createOrUpdateConsumer(
  manager: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
) {
  try {
    return await manager.consumers.add(stream, config);
  } catch (createError) {
    if (!(createError instanceof JetStreamApiError)) throw createError;
    const { durable_name, ack_policy, deliver_policy, ...changeable } = config;
    try {
      return await manager.consumers.update(stream, durable_name, changeable);
    } catch (updateError) {
      throw new Error(
        `cannot create consumer ${durable_name} on stream ${stream} (${createError.message}) ` +
          `nor update it (${asError(updateError).message})`,
        { cause: updateError },
      );
    }
  }
}

/** Acks, naks or extends a delivery; a closed connection is reported, not thrown. */
function reply(message: JsMsg, action: 'ack' | 'nak' | 'working', onError: (error: Error) => void): void {
  try {
    message[action]();
  } catch (error) {
    onError(asError(error));
  }
}

/** Connection trouble, reported until the connection closes; reconnecting is the client's own. */
async function watchConnection(connection: NatsConnection, onError: (error: Error) => void): Promise<void> {
  for await (const status of connection.status()) {
    if (status.type === 'error') onError(status.error);
    if (status.type === 'disconnect') onError(new Error(`lost NATS server ${status.server}; reconnecting`));
    if (status.type === 'slowConsumer') onError(new Error('NATS: this client reads too slowly'));
  }
  const closedBy = await connection.closed();
  if (closedBy) onError(closedBy);
}

/** What a consumer's reader notices and cannot fix itself: its consumer or stream gone, no server. */
async function watchConsumer(
  messages: ConsumerMessages,
  group: string,
  onError: (error: Error) => void,
): Promise<void> {
  for await (const note of messages.status()) {
    const problem = describeNotification(note);
    if (problem) onError(new Error(`consumer group ${group}: ${problem}`));
  }
}

function describeNotification(note: ConsumerNotification): string | undefined {
  switch (note.type) {
    case 'heartbeats_missed':
      return note.count >= 2 ? `${note.count} heartbeats missed` : undefined;
    case 'consumer_not_found':
      return `consumer ${note.name} not found in stream ${note.stream}`;
    case 'stream_not_found':
      return `stream ${note.name} not found`;
    case 'consumer_deleted':
      return `consumer deleted (${note.description})`;
    case 'exceeded_limits':
      return `pull refused (${note.description})`;
    case 'no_responders':
      return 'JetStream does not answer';
    default:
      return undefined;
  }
}

function serverAtLeast(connection: NatsConnection, major: number, minor: number): boolean {
  const [serverMajor = 0, serverMinor = 0] = (connection.info?.version ?? '').split('.').map(Number);
  return serverMajor > major || (serverMajor === major && serverMinor >= minor);
}

/** Deliveries a member works on at once, shared by its consumers in all streams. */
function semaphore(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    acquire(): Promise<void> {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
