/**
 * API composition: `GET /api/orders/:id` answers the order with its payment status and its
 * shipment's tracking in one response. The order comes first from orders (which checks that
 * it is the caller's); payment and shipment are then asked for in parallel over gRPC, each
 * with its own deadline. A part that does not answer is reported as unavailable; only the
 * order itself failing fails the page.
 */
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { Client } from '@connectrpc/connect';
import type { Money } from '@emporium/contracts/proto/common/v1/money';
import {
  type Payment,
  PaymentService,
  PaymentStatus,
} from '@emporium/contracts/proto/payments/v1/payment_service';
import {
  type Shipment,
  ShipmentStatus,
  ShippingService,
} from '@emporium/contracts/proto/shipping/v1/shipping_service';
import type { RpcClients } from '@emporium/platform/rpc';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientGone, sendUpstreamResponse, upstreamHeaders } from '../proxy/forward-request.ts';
import type { Upstreams } from '../proxy/upstreams.ts';

export type Part<T> = ({ available: true } & T) | { available: false; reason: string } | null;

export interface OrderPageParts {
  payments: Client<typeof PaymentService>;
  shipping: Client<typeof ShippingService>;
  partTimeoutMs: number;
}

export function orderPageParts(rpc: RpcClients, partTimeoutMs: number): OrderPageParts {
  return {
    payments: rpc.client(PaymentService, 'payments'),
    shipping: rpc.client(ShippingService, 'shipping'),
    partTimeoutMs,
  };
}

interface OrderSummary {
  paymentId?: string | null;
  shipmentId?: string | null;
}

export async function composeOrderPage(
  upstreams: Upstreams,
  parts: OrderPageParts,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const answer = await upstreams.request('orders', {
    method: 'GET',
    path: `/orders/${encodeURIComponent(request.params.id)}`,
    headers: upstreamHeaders(request),
    idempotent: true,
    signal: clientGone(request, reply),
  });
  // Not found, not yours, not signed in: the order service's answer is the page's.
  if (answer.status !== 200) return sendUpstreamResponse(reply, answer);
  const order = JSON.parse(await answer.body.text()) as OrderSummary & Record<string, unknown>;
  const [payment, shipment] = await Promise.all([
    order.paymentId ? paymentPart(parts, order.paymentId) : null,
    order.shipmentId ? shipmentPart(parts, order.shipmentId) : null,
  ]);
  return reply
    .code(200)
    .type('application/json')
    .send({ ...order, payment, shipment });
}

async function part<T>(what: string, call: () => Promise<T>): Promise<Part<T>> {
  try {
    return { available: true, ...(await call()) };
  } catch (error) {
    return { available: false, reason: `${what} is unavailable right now (${(error as Error).message})` };
  }
}

function paymentPart(parts: OrderPageParts, paymentId: string) {
  return part('payment status', async () => {
    const { payment } = await parts.payments.getPayment({ paymentId }, { timeoutMs: parts.partTimeoutMs });
    if (!payment) throw new Error('payments answered without the payment');
    return paymentView(payment);
  });
}

function shipmentPart(parts: OrderPageParts, shipmentId: string) {
  return part('shipment tracking', async () => {
    const { shipment } = await parts.shipping.getShipment({ shipmentId }, { timeoutMs: parts.partTimeoutMs });
    if (!shipment) throw new Error('shipping answered without the shipment');
    return shipmentView(shipment);
  });
}

function paymentView(payment: Payment) {
  return {
    id: payment.id,
    status: enumName(PaymentStatus, payment.status),
    amount: moneyView(payment.amount),
    captured: moneyView(payment.captured),
    refunded: moneyView(payment.refunded),
    card: payment.cardBrand ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
    failure: payment.failureCode ? { code: payment.failureCode, message: payment.failureMessage } : null,
  };
}

function shipmentView(shipment: Shipment) {
  return {
    id: shipment.id,
    status: enumName(ShipmentStatus, shipment.status),
    carrier: shipment.carrier,
    serviceLevel: shipment.serviceLevel,
    trackingNumber: shipment.trackingNumber,
    tracking: shipment.timeline.map((event) => ({
      status: enumName(ShipmentStatus, event.status),
      description: event.description,
      location: event.location,
      at: event.time ? timestampDate(event.time).toISOString() : null,
    })),
  };
}

function moneyView(money: Money | undefined) {
  return money ? { amountMinor: Number(money.amountMinor), currency: money.currency } : null;
}

/** `PaymentStatus.CAPTURED` -> "captured". */
function enumName(values: Record<number, string>, value: number): string {
  return (values[value] ?? 'unspecified').toLowerCase();
}
