import { setTimeout as sleep } from 'node:timers/promises';
import { isCardExpired } from '../domain/card-expiry.ts';
import type { Clock } from '../domain/clock.ts';
import type { CardNetwork, NetworkAnswer } from './card-network.ts';
import { TEST_CARDS, type TestCardBehaviour } from './test-cards.ts';

export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

export interface SimulatedCardNetworkOptions {
  /** How long an answer takes, uniformly spread over the range: a real network takes 80-400 ms. */
  latency: LatencyRange;
  /** The fingerprint of a card number, as the tokeniser computes it: how test cards are recognised. */
  fingerprintOf: (digits: string) => string;
  clock: Clock;
  /** In [0, 1); for the latency and authorisation codes. */
  random?: () => number;
}

const DECLINES: Readonly<Record<Exclude<TestCardBehaviour, 'approve' | 'fraudulent'>, NetworkAnswer>> = {
  card_declined: {
    approved: false,
    code: 'card_declined',
    message: 'The card was declined by its issuer',
    transient: false,
  },
  insufficient_funds: {
    approved: false,
    code: 'insufficient_funds',
    message: 'The card has insufficient funds',
    transient: false,
  },
  expired_card: { approved: false, code: 'expired_card', message: 'The card has expired', transient: false },
  processing_error: {
    approved: false,
    code: 'processing_error',
    message: 'The card network could not process the authorisation; try again',
    transient: true,
  },
};

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/**
 * A card network that answers like the real ones: after a realistic delay, the test cards of
 * TEST_CARDS with their decline codes, an expired card (by the network's clock) with
 * `expired_card`, and every other card with an approval and a six-character authorisation code.
 * The fraud test card is approved here: blocking it is the shop's own fraud rules' job.
 */
export function createSimulatedCardNetwork(options: SimulatedCardNetworkOptions): CardNetwork {
  const random = options.random ?? Math.random;
  const { minMs, maxMs } = options.latency;
  const behaviourOf = new Map(
    Object.entries(TEST_CARDS).map(([number, behaviour]) => [options.fingerprintOf(number), behaviour]),
  );
  return {
    async authorize(request, signal) {
      const delay = minMs + Math.floor(random() * (maxMs - minMs + 1));
      if (delay > 0) await sleep(delay, undefined, { signal });
      else signal?.throwIfAborted();
      const behaviour = behaviourOf.get(request.fingerprint) ?? 'approve';
      if (behaviour !== 'approve' && behaviour !== 'fraudulent') return DECLINES[behaviour];
      if (isCardExpired(request.expiry, options.clock())) return DECLINES.expired_card;
      const code = Array.from(
        { length: 6 },
        () => CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)],
      ).join('');
      return { approved: true, authorizationCode: code };
    },
  };
}
