import { type Static, Type } from '@sinclair/typebox';

/** An amount of money: integer minor units (cents) and an ISO 4217 currency. Never a float. */
export const Money = Type.Object(
  {
    amountMinor: Type.Integer({ description: 'Minor units, e.g. cents' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;
