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

export const identityEvents = [UserRegistered, UserUpdated];
