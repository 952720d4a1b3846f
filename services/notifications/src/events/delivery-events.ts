import { NotificationFailed, NotificationSent } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { QueryExecutorProvider } from 'kysely';
import type { Channel } from '../domain/channel.ts';

export interface DeliveryOutcome {
  notificationId: string;
  deliveryId: string;
  userId: string;
  kind: string;
  channel: Channel;
  attempts: number;
}

/**
 * The events notifications publishes about its deliveries (analytics counts them), written
 * to the outbox in the transaction that records the outcome in the delivery log.
 */
export interface DeliveryEvents {
  sent(trx: QueryExecutorProvider, outcome: DeliveryOutcome, at: Date): Promise<void>;
  failed(
    trx: QueryExecutorProvider,
    outcome: DeliveryOutcome,
    why: { outcome: 'failed' | 'skipped'; reason: string },
    at: Date,
  ): Promise<void>;
}

export function createDeliveryEvents(publisher: EventPublisher): DeliveryEvents {
  return {
    async sent(trx, outcome, at) {
      await publisher.publish(trx, NotificationSent, {
        subject: outcome.notificationId,
        data: { ...outcome, sentAt: at.toISOString() },
      });
    },
    async failed(trx, outcome, why, at) {
      await publisher.publish(trx, NotificationFailed, {
        subject: outcome.notificationId,
        data: { ...outcome, ...why, failedAt: at.toISOString() },
      });
    },
  };
}
