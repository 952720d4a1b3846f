import { catalogEvents } from './catalog-events.ts';
import { checkoutEvents } from './checkout-events.ts';
import type { EventDefinition } from './define-event.ts';
import { identityEvents } from './identity-events.ts';
import { inventoryEvents } from './inventory-events.ts';
import { notificationEvents } from './notification-events.ts';
import { orderEvents } from './order-events.ts';
import { paymentEvents } from './payment-events.ts';
import { pricingEvents } from './pricing-events.ts';
import { shippingEvents } from './shipping-events.ts';

/** Every integration event of the platform; the AsyncAPI document is generated from this list. */
export const allEvents: readonly EventDefinition[] = [
  ...identityEvents,
  ...catalogEvents,
  ...inventoryEvents,
  ...pricingEvents,
  ...paymentEvents,
  ...shippingEvents,
  ...orderEvents,
  ...checkoutEvents,
  ...notificationEvents,
];
