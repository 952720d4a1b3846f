import { Type } from '@sinclair/typebox';
import { defineEvent } from './define-event.ts';

const UserId = Type.String({ format: 'uuid', description: "The user's id in identity" });

export const UserRegistered = defineEvent(
  'emporium.identity.user.registered.v1',
  Type.Object(
    {
      userId: UserId,
      email: Type.String({ format: 'email' }),
      name: Type.String(),
      registeredAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A shopper created an account.',
);

export const UserUpdated = defineEvent(
  'emporium.identity.user.updated.v1',
  Type.Object(
    {
      userId: UserId,
      email: Type.String({ format: 'email' }),
      name: Type.String(),
      roles: Type.Array(Type.String()),
      updatedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  "A user's profile (name, email) or roles changed; carries the state after the change.",
);

export const UserPreferencesChanged = defineEvent(
  'emporium.identity.user.preferences-changed.v1',
  Type.Object(
    {
      userId: UserId,
      locale: Type.String({ description: 'BCP 47 language tag, e.g. en, de-CH' }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      marketingEmails: Type.Boolean(),
      channels: Type.Object(
        { email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean() },
        { additionalProperties: false, description: 'Where notifications about orders may go' },
      ),
      changedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A user saved their preferences (locale, currency, notification channels); carries the state after the change.',
);

export const identityEvents = [UserRegistered, UserUpdated, UserPreferencesChanged];
