import { Type } from '@sinclair/typebox';
import { SKU_PATTERN } from '../domain/cart-rules.ts';

export const MoneyView = Type.Object(
  {
    amountMinor: Type.Integer({ description: 'Minor units, e.g. cents' }),
    currency: Type.String({ description: 'ISO 4217, e.g. EUR' }),
  },
  { additionalProperties: false },
);
export const MaybeMoney = Type.Union([MoneyView, Type.Null()]);

export const Sku = Type.String({
  pattern: SKU_PATTERN,
  description: 'Uppercase letters, digits and dashes, 3-40 long',
});

export const Quantity = Type.Integer({ minimum: 1, maximum: 999 });

export const IdempotencyKeyHeader = {
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Makes a retry safe: the same key and request answer the first result' }),
  ),
};

export const CUSTOMER = { security: [{ bearer: [] }] };

/** Money as the views show it: null while unknown (not yet priced, pricing unavailable). */
export function money(amountMinor: number | null, currency: string) {
  return amountMinor === null ? null : { amountMinor, currency };
}
