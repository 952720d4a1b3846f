import type { Kysely } from 'kysely';
import type { OrderEvents } from '../events/order-events.ts';
import type { Participants } from '../participants/participants.ts';
import type { OrdersDatabase } from '../store/database.ts';

/** What the order workflows (checkout, cancellation, refund, fulfilment) work with. */
export interface OrderDeps {
  db: Kysely<OrdersDatabase>;
  participants: Participants;
  events: OrderEvents;
  clock: () => Date;
}
