import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';

export const CatalogConfig = Type.Object({
  ...serviceBaseConfig(4002),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies admin access tokens",
  }),
  SEED_CATALOGUE: Type.Boolean({
    default: true,
    description: 'Load the demo catalogue on first start, when the catalogue is empty',
  }),
});
export type CatalogConfig = Static<typeof CatalogConfig>;
