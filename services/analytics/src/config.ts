import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';

export const AnalyticsConfig = Type.Object({
  ...serviceBaseConfig(4009),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies admin access tokens",
  }),
});
export type AnalyticsConfig = Static<typeof AnalyticsConfig>;
