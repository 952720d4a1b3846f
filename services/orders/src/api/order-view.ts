import type { Static } from '@sinclair/typebox';
import { CANCELLATION_CODES, type CancellationCode } from '../domain/cancellation-reason.ts';
import type { OrderHistoryEntry, OrderRecord } from '../store/orders-store.ts';
import { money } from './common-schemas.ts';
import type { OrderDetailView, OrderView } from './order-schemas.ts';

function isCancellationCode(code: string | null): code is CancellationCode {
  return (CANCELLATION_CODES as readonly (string | null)[]).includes(code);
}

export function toOrderView(order: OrderRecord): Static<typeof OrderView> {
  const { currency } = order;
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    currency,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceMinor, currency),
      lineTotal: money(line.lineTotalMinor, currency),
    })),
    subtotal: money(order.subtotalMinor, currency),
    discountTotal: money(order.discountMinor, currency),
    taxTotal: money(order.taxMinor, currency),
    shipping: money(order.shippingMinor, currency),
    total: money(order.totalMinor, currency),
    taxIncluded: order.taxIncluded,
    captured: money(order.capturedMinor, currency),
    refunded: money(order.refundedMinor, currency),
    couponCode: order.couponCode,
    shipTo: order.shipTo,
    carrier: order.carrier,
    serviceLevel: order.serviceLevel,
    paymentId: order.paymentId,
    shipmentId: order.shipmentId,
    trackingNumber: order.trackingNumber,
    // A refusal noted by a step is only the order's cancellation once the order is cancelled.
    cancellation:
      order.status === 'cancelled' && isCancellationCode(order.cancelCode)
        ? { code: order.cancelCode, reason: order.cancelReason ?? '' }
        : null,
    checkoutSagaId: order.checkoutSagaId,
    cancellationSagaId: order.cancelSagaId,
    refundSagaId: order.refundSagaId,
    placedAt: order.placedAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toOrderDetailView(
  order: OrderRecord,
  history: readonly OrderHistoryEntry[],
): Static<typeof OrderDetailView> {
  return {
    ...toOrderView(order),
    history: history.map((entry) => ({ status: entry.status, note: entry.note, at: entry.at.toISOString() })),
  };
}
