import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';

export const PricingConfig = Type.Object({
  ...serviceBaseConfig(4004),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies admin access tokens",
  }),
  SEED_PRICING: Type.Boolean({
    default: true,
    description:
      'Load the demo price lists, promotions and tax rules on first start, into whichever are empty',
  }),
});
export type PricingConfig = Static<typeof PricingConfig>;
