import { StepRefused } from '@emporium/platform/saga';
import type { Kysely } from 'kysely';
import type { Cancellation } from '../domain/cancellation-reason.ts';
import type { OrdersDatabase } from '../store/database.ts';

/**
 * A participant said a definite "no": the reason is kept on the order (the cancellation that
 * follows reports it to the customer and in order.cancelled), and the step is refused, which
 * makes the saga compensate at once without retrying.
 */
export async function refuseStep(
  db: Kysely<OrdersDatabase>,
  orderId: string,
  cancellation: Cancellation,
): Promise<never> {
  await db
    .updateTable('orders')
    .set({ cancel_code: cancellation.code, cancel_reason: cancellation.reason })
    .where('id', '=', orderId)
    .where('status', 'not in', ['cancelled', 'refunded'])
    .execute();
  throw new StepRefused(cancellation.reason, cancellation.code);
}
