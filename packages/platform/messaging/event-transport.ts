/**
 * The port every event bus adapter implements (transports/postgres-transport.ts on pg-boss,
 * transports/nats-transport.ts on JetStream). It moves opaque CloudEvents JSON between the
 * outbox relay and consumers; envelopes, schemas, the inbox, retries and dead letters live
 * above it (outbox-relay.ts, event-consumer.ts) and are the same for every transport.
 */

/** One event as the relay hands it to the bus. */
export interface OutgoingEvent {
  /** The CloudEvents id (a UUID): the bus de-duplicates on it where it can. */
  id: string;
  /** The CloudEvents type, e.g. `emporium.identity.user.registered.v1`; it routes the event. */
  type: string;
  /** The CloudEvents subject (the entity's id): order is kept per subject. */
  subject: string;
  /** The whole CloudEvents envelope as JSON text. */
  body: string;
}

/** One delivery of one event to one consumer group. Exactly one of ack/retryLater is called. */
export interface Delivery {
  /** The envelope as JSON text, exactly as published (it may be malformed: the consumer checks). */
  body: string;
  /** The type the bus routed it by. */
  type: string;
  /** 1 on first delivery, 2 on the first redelivery, ... */
  attempt: number;
  /** Done: the bus must not deliver it to this group again. */
  ack(): Promise<void>;
  /** Failed: deliver it to this group again after about `delayMs`. */
  retryLater(delayMs: number): Promise<void>;
}

export interface SubscribeOptions {
  /** Durable consumer group: each event is delivered to one member of each group. */
  group: string;
  /** Event types the group receives. */
  types: string[];
  onDelivery(delivery: Delivery): Promise<void>;
  /** Deliveries handled at once by this member (default 1, which keeps order per subject). */
  concurrency?: number;
}

export interface Subscription {
  /** Stops taking new deliveries and waits for those in hand to finish. */
  close(): Promise<void>;
}

export interface EventTransport {
  readonly name: string;
  /**
   * Resolves once the bus has durably accepted every event, in the order given. Publishing
   * an id again (a relay that crashed before marking it sent) must not deliver it twice
   * where the bus can prevent that; the consumer's inbox catches the rest.
   */
  publish(events: OutgoingEvent[]): Promise<void>;
  /**
   * Creates the group's durable subscription if it does not exist (events published after
   * that are kept for it even while no member runs) and starts delivering.
   */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Deliveries the group still has to finish for these types: waiting, being retried or in
   * hand. 0 means every event the bus accepted for the group has been acknowledged.
   */
  backlog(group: string, types: readonly string[]): Promise<number>;
  /** Closes subscriptions and connections. */
  close(): Promise<void>;
}

/** The context an event type belongs to: `emporium.<context>.<entity>.<verb>.v<n>`. */
export function contextOfType(type: string): string {
  const [prefix, context] = type.split('.');
  if (prefix !== 'emporium' || !context) throw new Error(`"${type}" is not an emporium event type`);
  return context;
}
