import { create, fromJson, toJson } from '@bufbuild/protobuf';
import {
  CancelShipmentResponseSchema,
  CreateShipmentRequestSchema,
  CreateShipmentResponseSchema,
  GetShipmentResponseSchema,
  QuoteRatesResponseSchema,
  ShippingService,
} from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { ProblemError } from '@emporium/platform/http';
import { IdempotencyKeyReused, runIdempotent } from '@emporium/platform/idempotency';
import { Code, ConnectError, type RpcServices } from '@emporium/platform/rpc';
import { quoteRates } from '../domain/rate-card.ts';
import { grpcCodeOf, ShipmentNotFound } from '../errors.ts';
import { bookShipment } from '../shipments/book-shipment.ts';
import { cancelShipment } from '../shipments/cancel-shipment.ts';
import type { ShipmentDeps } from '../shipments/shipment-deps.ts';
import { loadRateCard } from '../store/rate-card-store.ts';
import { findShipment, timelineOf } from '../store/shipments-store.ts';
import { toRateMessage, toShipmentMessage } from './shipment-message.ts';
import { idempotencyKey, newShipmentFrom, parcelFrom, shipmentId } from './shipping-requests.ts';

/** Problems (shared with REST) and a reused idempotency key as the gRPC status a caller expects. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProblemError) throw new ConnectError(error.message, grpcCodeOf(error));
    if (error instanceof IdempotencyKeyReused) {
      throw new ConnectError(
        `idempotency_key: ${JSON.stringify(error.key)} was already used for a different request; nothing was changed`,
        Code.AlreadyExists,
      );
    }
    throw error;
  }
}

const REPLAYED = 'idempotent-replayed';

/**
 * shipping.v1.ShippingService: rates for checkout, and shipments for the orders saga. The
 * mutating calls run through runIdempotent with the request's idempotency_key; the stored
 * result is the response's JSON form, so a replay answers exactly the first response.
 */
export function serveShippingService(rpc: Pick<RpcServices, 'serve'>, deps: ShipmentDeps): void {
  const { db } = deps;
  rpc.serve(ShippingService, {
    async quoteRates(request) {
      const parcel = parcelFrom(request);
      const rates = quoteRates(await loadRateCard(db), parcel);
      return create(QuoteRatesResponseSchema, { rates: rates.map(toRateMessage) });
    },

    async createShipment(request, context) {
      const { key, shipment } = newShipmentFrom(request);
      // The request without its key is what a replay must repeat exactly.
      const asked = toJson(CreateShipmentRequestSchema, { ...request, idempotencyKey: '' });
      const outcome = await answering(() =>
        runIdempotent(db, { scope: 'shipping.rpc.create-shipment', key, request: asked }, async (trx) => {
          const booked = await bookShipment(trx, deps, shipment);
          const response = create(CreateShipmentResponseSchema, {
            shipment: toShipmentMessage(booked.shipment, booked.timeline),
          });
          return toJson(CreateShipmentResponseSchema, response);
        }),
      );
      if (outcome.replayed) context.responseHeader.set(REPLAYED, 'true');
      return fromJson(CreateShipmentResponseSchema, outcome.result);
    },

    async cancelShipment(request, context) {
      const key = idempotencyKey(request.idempotencyKey);
      const id = shipmentId(request.shipmentId);
      const outcome = await answering(() =>
        runIdempotent(
          db,
          { scope: 'shipping.rpc.cancel-shipment', key, request: { shipmentId: id } },
          async (trx) => {
            const cancelled = await cancelShipment(trx, deps, id);
            const response = create(CancelShipmentResponseSchema, {
              shipment: toShipmentMessage(cancelled, await timelineOf(trx, id)),
            });
            return toJson(CancelShipmentResponseSchema, response);
          },
        ),
      );
      if (outcome.replayed) context.responseHeader.set(REPLAYED, 'true');
      return fromJson(CancelShipmentResponseSchema, outcome.result);
    },

    async getShipment(request) {
      const id = shipmentId(request.shipmentId);
      return answering(async () => {
        const shipment = await findShipment(db, id);
        if (!shipment) throw ShipmentNotFound(`shipment_id: there is no shipment ${id}`);
        return create(GetShipmentResponseSchema, {
          shipment: toShipmentMessage(shipment, await timelineOf(db, id)),
        });
      });
    },
  });
}
