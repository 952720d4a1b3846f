import type { EventData, EventDefinition } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import { recordChoreographyEvent } from '../store/choreography-store.ts';
import type { OrdersDatabase } from '../store/database.ts';

/**
 * What orders sends in a choreographed checkout: each event goes to the outbox in the caller's
 * transaction (sent if and only if the change that raised it commits), about the order (its
 * subject), and into the checkout's event log for operators.
 */
export interface CheckoutMessages {
  send<Definition extends EventDefinition>(
    trx: Kysely<OrdersDatabase>,
    checkoutId: string,
    definition: Definition,
    data: EventData<Definition> & { orderId: string },
    note?: string,
  ): Promise<void>;
}

export function createCheckoutMessages(publisher: EventPublisher, clock: () => Date): CheckoutMessages {
  return {
    async send(trx, checkoutId, definition, data, note) {
      const envelope = await publisher.publish(trx, definition, { subject: data.orderId, data });
      await recordChoreographyEvent(trx, checkoutId, {
        direction: 'sent',
        type: definition.type,
        eventId: envelope.id,
        note: note ?? null,
        at: clock(),
      });
    },
  };
}
