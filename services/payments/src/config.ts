import { ConfigError, serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';
import type { AmountLimits, FraudRules } from './domain/fraud-rules.ts';
import type { LatencyRange } from './network/simulated-card-network.ts';

/** Everything payments reads from its environment; secrets may come as `<NAME>_FILE`. */
export const PaymentsConfig = Type.Object({
  ...serviceBaseConfig(4006),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies access tokens",
  }),
  CARD_FINGERPRINT_SECRET: Type.String({
    minLength: 16,
    description:
      'Key of the HMAC that fingerprints card numbers (secret: prefer CARD_FINGERPRINT_SECRET_FILE)',
  }),
  CARD_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 3600,
    default: 900,
    description: 'How long a card token may be used for an authorisation',
  }),
  NETWORK_LATENCY_MS: Type.String({
    pattern: '^\\d{1,5}-\\d{1,5}$',
    default: '80-400',
    description: 'How long the simulated card network takes to answer, "min-max" in milliseconds',
  }),
  FRAUD_VELOCITY_WINDOW_SECONDS: Type.Integer({
    minimum: 10,
    maximum: 86_400,
    default: 600,
    description: 'The window the velocity rules count authorisation attempts in',
  }),
  FRAUD_VELOCITY_CARD_MAX: Type.Integer({
    minimum: 1,
    default: 5,
    description: 'Attempts with one card within the window before the card velocity rule fires',
  }),
  FRAUD_VELOCITY_USER_MAX: Type.Integer({
    minimum: 1,
    default: 10,
    description: 'Attempts by one user within the window before the user velocity rule fires',
  }),
  FRAUD_AMOUNT_LIMITS: Type.String({
    default: 'EUR:500000:2000000,USD:550000:2200000,GBP:450000:1750000,CHF:500000:2000000',
    description:
      'Accepted currencies with the amounts (minor units) above which an authorisation is reviewed and declined: "CUR:review:decline,..."',
  }),
  FRAUD_REVIEW_SCORE: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 50,
    description: 'Score that means review',
  }),
  FRAUD_DECLINE_SCORE: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 80,
    description: 'Score that means decline',
  }),
});
export type PaymentsConfig = Static<typeof PaymentsConfig>;

/** What the payments module itself reads; the host reads the rest. */
export type PaymentsModuleConfig = Pick<
  PaymentsConfig,
  | 'IDENTITY_JWKS_URL'
  | 'CARD_FINGERPRINT_SECRET'
  | 'CARD_TOKEN_TTL_SECONDS'
  | 'NETWORK_LATENCY_MS'
  | 'FRAUD_VELOCITY_WINDOW_SECONDS'
  | 'FRAUD_VELOCITY_CARD_MAX'
  | 'FRAUD_VELOCITY_USER_MAX'
  | 'FRAUD_AMOUNT_LIMITS'
  | 'FRAUD_REVIEW_SCORE'
  | 'FRAUD_DECLINE_SCORE'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
>;

/** The values a per-variable schema cannot check, parsed: throws ConfigError listing every problem. */
export function readPaymentsSettings(config: PaymentsModuleConfig): {
  latency: LatencyRange;
  fraudRules: FraudRules;
} {
  const problems: string[] = [];
  const [minMs = 0, maxMs = 0] = config.NETWORK_LATENCY_MS.split('-').map(Number);
  if (minMs > maxMs) problems.push(`NETWORK_LATENCY_MS: min above max, got "${config.NETWORK_LATENCY_MS}"`);
  const amountLimits = new Map<string, AmountLimits>();
  for (const entry of config.FRAUD_AMOUNT_LIMITS.split(',').map((part) => part.trim())) {
    const match = entry.match(/^([A-Z]{3}):(\d{1,15}):(\d{1,15})$/);
    const [, currency, review, decline] = match ?? [];
    if (!currency || !review || !decline || Number(review) > Number(decline)) {
      problems.push(`FRAUD_AMOUNT_LIMITS: "${entry}" is not CUR:review:decline with review <= decline`);
      continue;
    }
    amountLimits.set(currency, { reviewAboveMinor: Number(review), declineAboveMinor: Number(decline) });
  }
  if (config.FRAUD_REVIEW_SCORE > config.FRAUD_DECLINE_SCORE) {
    problems.push('FRAUD_REVIEW_SCORE: must not be above FRAUD_DECLINE_SCORE');
  }
  if (problems.length > 0) throw new ConfigError('payments', problems);
  return {
    latency: { minMs, maxMs },
    fraudRules: {
      maxAttemptsPerCard: config.FRAUD_VELOCITY_CARD_MAX,
      maxAttemptsPerUser: config.FRAUD_VELOCITY_USER_MAX,
      amountLimits,
      reviewScore: config.FRAUD_REVIEW_SCORE,
      declineScore: config.FRAUD_DECLINE_SCORE,
    },
  };
}
