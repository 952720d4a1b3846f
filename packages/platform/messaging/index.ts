export { type CloudEvent, CloudEventEnvelope, createCloudEvent, type NewEvent } from './cloud-event.ts';
export { connectEventBus, type EventBusSettings, eventBusConfig } from './connect-event-bus.ts';
export { type DeadLetterRoutesOptions, registerDeadLetterRoutes } from './dead-letter-routes.ts';
export * as MessagingErrors from './errors.ts';
export {
  defaultRetryDelayMs,
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  handleEvent,
  startEventConsumer,
} from './event-consumer.ts';
export { createEventPublisher, type EventPublisher, OUTBOX_CHANNEL } from './event-publisher.ts';
export {
  contextOfType,
  type Delivery,
  type EventTransport,
  type OutgoingEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-transport.ts';
export { type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from './outbox-relay.ts';
export {
  type ConsumerSpec,
  type EventBus,
  type EventBusContext,
  startEventBus,
  startEventRelay,
} from './start-event-relay.ts';
export { messagingMigrations } from './store/messaging-migrations.ts';
export type { MessagingTables } from './store/messaging-schema.ts';
export { createNatsTransport, type NatsTransportOptions } from './transports/nats-transport.ts';
export { createPostgresTransport, type PostgresTransportOptions } from './transports/postgres-transport.ts';
