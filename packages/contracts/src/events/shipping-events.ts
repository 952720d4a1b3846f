import { Type } from '@sinclair/typebox';
import { Money } from '../money.ts';
import { defineEvent } from './define-event.ts';

/**
 * What every shipment event carries: which shipment (also the event subject), for which
 * order, and how to follow it. No recipient name or street: consumers that need them ask
 * the orders or identity context.
 */
const shipment = {
  shipmentId: Type.String({ format: 'uuid', description: 'The shipment (the event subject too)' }),
  orderId: Type.String({ description: 'The order the parcel belongs to' }),
  carrier: Type.String({ description: 'Carrier code, e.g. parcelpost' }),
  serviceLevel: Type.String({ description: 'standard or express' }),
  trackingNumber: Type.String({
    pattern: '^[A-Z]{2}[0-9]{9}[A-Z]{2}$',
    description: 'UPU S10 layout; public tracking at GET /tracking/{trackingNumber} of shipping',
  }),
};

const Item = Type.Object(
  { sku: Type.String(), quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ShipmentCreated = defineEvent(
  'emporium.shipping.shipment.created.v1',
  Type.Object(
    {
      ...shipment,
      destinationCountry: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
      items: Type.Array(Item),
      weightGrams: Type.Integer({ minimum: 1 }),
      price: Money,
      createdAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A shipment was booked with a carrier and its label created; the parcel waits at the warehouse.',
);

export const ShipmentDispatched = defineEvent(
  'emporium.shipping.shipment.dispatched.v1',
  Type.Object(
    { ...shipment, dispatchedAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  'The carrier picked the parcel up: it can no longer be cancelled.',
);

export const ShipmentDelivered = defineEvent(
  'emporium.shipping.shipment.delivered.v1',
  Type.Object(
    {
      ...shipment,
      deliveryAttempts: Type.Integer({ minimum: 1 }),
      deliveredAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The parcel was delivered.',
);

export const ShipmentException = defineEvent(
  'emporium.shipping.shipment.exception.v1',
  Type.Object(
    {
      ...shipment,
      reason: Type.String({ description: 'What went wrong, e.g. "address not found"' }),
      occurredAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A delivery attempt failed; the carrier either tries again (delivered follows) or returns the parcel (returned follows).',
);

export const ShipmentReturned = defineEvent(
  'emporium.shipping.shipment.returned.v1',
  Type.Object(
    {
      ...shipment,
      reason: Type.String({ description: 'Why it could not be delivered' }),
      returnedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'The carrier brought an undeliverable parcel back to the warehouse; nothing more will happen to it.',
);

export const ShipmentCancelled = defineEvent(
  'emporium.shipping.shipment.cancelled.v1',
  Type.Object(
    { ...shipment, cancelledAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  'The shipment was cancelled before the carrier picked it up (e.g. checkout compensation).',
);

export const shippingEvents = [
  ShipmentCreated,
  ShipmentDispatched,
  ShipmentDelivered,
  ShipmentException,
  ShipmentReturned,
  ShipmentCancelled,
];
