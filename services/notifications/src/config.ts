import { serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';

export const NotificationsConfig = Type.Object({
  ...serviceBaseConfig(4008),
  ...eventBusConfig(),
  IDENTITY_JWKS_URL: Type.String({
    format: 'uri',
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies access tokens",
  }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://',
      description:
        'The mail server emails go to, e.g. smtp://user:pass@mail.example.com:587; unset: the embedded SMTP sink',
    }),
  ),
  SMTP_SINK_PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 0,
    description: 'Port of the embedded SMTP sink when SMTP_URL is unset (0 picks a free one)',
  }),
  SMTP_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 300_000,
    default: 10_000,
    description: 'How long to wait for the mail server to connect, greet and answer before an attempt fails',
  }),
  MAIL_FROM: Type.String({
    minLength: 3,
    default: 'Emporium <shop@emporium.local>',
    description: 'The From of every email',
  }),
  DELIVERY_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 6,
    description: 'Attempts at a delivery before it is dead-lettered (status failed) with the last error',
  }),
  DELIVERY_RETRY_BASE_MS: Type.Integer({
    minimum: 1,
    maximum: 3_600_000,
    default: 2_000,
    description: 'Delay before the first retry; it doubles with each attempt (with jitter), up to 10 minutes',
  }),
  DELIVERY_POLL_MS: Type.Integer({
    minimum: 10,
    maximum: 3_600_000,
    default: 5_000,
    description: 'How often the sender looks for deliveries due (new ones wake it at once)',
  }),
});
export type NotificationsConfig = Static<typeof NotificationsConfig>;
