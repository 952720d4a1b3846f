import type { Money } from '../domain/money-text.ts';

/**
 * What each kind of notification needs to be written, taken from the event that raised it.
 * Stored with the notification, so a message can be rendered again the same way.
 */
export interface NotificationData {
  welcome: { name: string };
  'order-confirmed': {
    orderId: string;
    lines: Array<{ sku: string; quantity: number; lineTotal: Money }>;
    subtotal: Money;
    discountTotal: Money;
    taxTotal: Money;
    shipping: Money;
    total: Money;
  };
  'order-cancelled': { orderId: string; reasonCode: string; reason: string };
  'order-shipped': { orderId: string; carrier: string; trackingNumber: string };
  'order-delivered': { orderId: string };
  'refund-issued': { orderId: string; amount: Money; fullyRefunded: boolean };
  'delivery-problem': { orderId: string; trackingNumber: string; reason: string; returned: boolean };
}

export type NotificationKind = keyof NotificationData;

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'welcome',
  'order-confirmed',
  'order-cancelled',
  'order-shipped',
  'order-delivered',
  'refund-issued',
  'delivery-problem',
];

/** A kind with its data, as the consumers raise it. */
export type NotificationRequest = {
  [Kind in NotificationKind]: { kind: Kind; data: NotificationData[Kind] };
}[NotificationKind];
