import type { Clock } from '../domain/clock.ts';
import type { FraudRules } from '../domain/fraud-rules.ts';
import type { PaymentEvents } from '../events/payment-events.ts';
import type { CardNetwork } from '../network/card-network.ts';

/** What the payment operations are given by the composition root. */
export interface PaymentDeps {
  network: CardNetwork;
  events: PaymentEvents;
  fraudRules: FraudRules;
  /** The window the velocity rules count attempts in. */
  velocityWindowMs: number;
  /** Fingerprints of cards the fraud rules always decline. */
  blockedCards: ReadonlySet<string>;
  clock: Clock;
}
