import { type Static, Type } from '@sinclair/typebox';

/**
 * A postal address as every context exchanges it (identity's address book, checkout's
 * ship-to, shipping's labels). `country` is ISO 3166-1 alpha-2; `region` is the state or
 * province where one applies (tax rules key on it).
 */
export const Address = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120, description: 'Recipient' }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9 -]+$' }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. DE' }),
    phone: Type.Optional(Type.String({ maxLength: 32, pattern: '^\\+?[0-9 ()-]{4,31}$' })),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;
