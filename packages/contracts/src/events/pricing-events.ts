import { Type } from '@sinclair/typebox';
import { defineEvent } from './define-event.ts';

const AmountMinor = Type.Integer({ minimum: 0, description: 'Integer minor units of `currency`' });

export const PriceChanged = defineEvent(
  'emporium.pricing.price.changed.v1',
  Type.Object(
    {
      sku: Type.String(),
      currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
      oldAmountMinor: Type.Union([AmountMinor, Type.Null()], {
        description: 'The price that applied from effectiveFrom before this change; null for a first price',
      }),
      newAmountMinor: AmountMinor,
      effectiveFrom: Type.String({
        format: 'date-time',
        description: 'When the new price applies; later than changedAt for a scheduled change',
      }),
      changedAt: Type.String({ format: 'date-time', description: 'When the change was made' }),
    },
    { additionalProperties: false },
  ),
  'A price in a price list was set: a first price for a SKU in a currency, or a new one (now or scheduled).',
);

export const pricingEvents = [PriceChanged];
