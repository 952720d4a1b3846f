import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_EXCEPTION_PERCENT } from './domain/carrier-scans.ts';

export const ShippingConfig = Type.Object({
  ...serviceBaseConfig(4007),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies admin access tokens",
  }),
  TRACKING_SIMULATION: Type.Boolean({
    default: true,
    description: 'Run the simulated carriers: a job that moves shipments along their tracking timeline',
  }),
  TRACKING_TICK_MS: Type.Integer({
    minimum: 10,
    maximum: 3_600_000,
    default: 5_000,
    description: 'How often the simulated carriers scan; each step of a journey takes 1 to 4 ticks',
  }),
  TRACKING_EXCEPTION_PERCENT: Type.Number({
    minimum: 0,
    maximum: 100,
    default: DEFAULT_EXCEPTION_PERCENT,
    description: 'Share of parcels whose first delivery attempt fails (then redelivered or returned)',
  }),
});
export type ShippingConfig = Static<typeof ShippingConfig>;
