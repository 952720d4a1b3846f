import type { SagaDefinition, SagaEngine, SagaTables } from '@emporium/platform/saga';
import type { Kysely } from 'kysely';
import type { OrdersDatabase } from '../store/database.ts';
import type { CheckoutData } from './checkout-data.ts';

/**
 * How a placed order's checkout is driven (CHECKOUT_STYLE). orchestration (the default): this
 * service runs the checkout saga, calling each participant over gRPC. choreography: no calls;
 * orders publishes orders.checkout.requested and the participants react to it and to each
 * other's answers (src/choreography/). POST /checkout is the same either way.
 */
export type CheckoutStyle = 'orchestration' | 'choreography';

export interface CheckoutDriver {
  /** Begins the checkout in the transaction that places the order; returns the id to follow it by. */
  begin(trx: Kysely<OrdersDatabase>, data: CheckoutData): Promise<string>;
  /** The placing transaction committed: start work now rather than at the next poll. */
  placed(): void;
}

export function checkoutDriver(
  style: CheckoutStyle,
  orchestration: { engine: SagaEngine; saga: SagaDefinition<CheckoutData> },
  choreography: CheckoutDriver,
): CheckoutDriver {
  switch (style) {
    case 'choreography':
      return choreography;
    case 'orchestration': {
      const { engine, saga } = orchestration;
      return {
        // The engine writes only its own tables; the transaction is the order's.
        begin: (trx, data) => engine.begin(saga, data, { db: trx as unknown as Kysely<SagaTables> }),
        placed: () => engine.kick(),
      };
    }
  }
}
