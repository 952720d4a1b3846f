import { createHash, randomUUID } from 'node:crypto';
import { CheckoutRequested } from '@emporium/contracts';
import type { CheckoutDriver } from '../checkout/checkout-style.ts';
import { insertChoreographedCheckout } from '../store/choreography-store.ts';
import type { CheckoutMessages } from './checkout-messages.ts';

/**
 * Checkout by choreography, as POST /checkout begins it: in the transaction that places the
 * order, the checkout is recorded (with its deadline, and the card token's digest until
 * payments has used the token) and orders.checkout.requested is written to the outbox. Nothing is called: the
 * participants react to the event once the transaction commits and the relay sends it, and
 * the checkout's consumer (checkout-reactions.ts) carries it on from their answers.
 */
export function choreographyDriver(deps: {
  messages: CheckoutMessages;
  clock: () => Date;
  timeoutMs: number;
}): CheckoutDriver {
  return {
    async begin(trx, data) {
      const id = randomUUID();
      const now = deps.clock();
      const { cardToken, ...request } = data;
      await insertChoreographedCheckout(trx, {
        id,
        request,
        // payments finds the token by its digest: the token itself goes nowhere from here.
        cardTokenDigest: createHash('sha256').update(cardToken).digest('hex'),
        deadlineAt: new Date(now.getTime() + deps.timeoutMs),
        now,
      });
      await deps.messages.send(trx, id, CheckoutRequested, {
        orderId: data.orderId,
        userId: data.userId,
        lines: data.lines,
        currency: data.currency,
        shipTo: data.shipTo,
        couponCode: data.couponCode,
        carrier: data.carrier,
        serviceLevel: data.serviceLevel,
        weightGrams: data.weightGrams,
        reservationTtlSeconds: data.reservationTtlSeconds,
        requestedAt: now.toISOString(),
      });
      return id;
    },
    // The outbox relay is woken by the placing transaction's NOTIFY: nothing to kick.
    placed() {},
  };
}
