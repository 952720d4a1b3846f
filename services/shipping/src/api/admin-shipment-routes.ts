import type { HttpServer } from '@emporium/platform/http';
import { idempotencyKeyOf, runIdempotent } from '@emporium/platform/idempotency';
import { Type } from '@sinclair/typebox';
import { decodeShipmentCursor, encodeShipmentCursor } from '../domain/shipment-cursor.ts';
import { asProblem, InvalidCursor, ShipmentNotFound } from '../errors.ts';
import { renderShippingLabel } from '../label/shipping-label.ts';
import { cancelShipment } from '../shipments/cancel-shipment.ts';
import { findCarrierName } from '../store/rate-card-store.ts';
import { findShipment, listShipments, timelineOf } from '../store/shipments-store.ts';
import type { RouteOptions } from './route-options.ts';
import {
  BEARER,
  IdParams,
  ShipmentDetailView,
  ShipmentListQuery,
  ShipmentListView,
} from './shipping-schemas.ts';
import { toShipmentDetailView, toShipmentView } from './shipping-views.ts';

const ADMIN = { tags: ['shipments (admin)'], security: BEARER };

/** What warehouse staff and admins do with shipments: find them, print labels, cancel. */
export function adminShipmentRoutes(app: HttpServer, { deps, requireAdmin }: RouteOptions): void {
  const { db } = deps;

  app.get(
    '/admin/shipments',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Shipments, newest first, a page at a time; filter by status or order',
        querystring: ShipmentListQuery,
        response: { 200: ShipmentListView },
      },
    },
    async (request) => {
      const { limit, cursor, status, orderId } = request.query;
      const after = cursor === undefined ? undefined : decodeShipmentCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        throw InvalidCursor(
          'Pass the nextCursor of a previous page unchanged, or no cursor for the first page',
        );
      }
      // One extra row says whether another page follows.
      const shipments = await listShipments(db, { status, orderId, after, limit: limit + 1 });
      const page = shipments.slice(0, limit);
      const last = page.at(-1);
      return {
        shipments: page.map(toShipmentView),
        nextCursor: shipments.length > limit && last ? encodeShipmentCursor(last) : null,
      };
    },
  );

  app.get(
    '/admin/shipments/:id',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'One shipment with its address, items and tracking timeline',
        params: IdParams,
        response: { 200: ShipmentDetailView },
      },
    },
    async (request) => {
      const shipment = await findShipment(db, request.params.id);
      if (!shipment) throw ShipmentNotFound(`There is no shipment ${request.params.id}`);
      return toShipmentDetailView(shipment, await timelineOf(db, shipment.id));
    },
  );

  app.post(
    '/admin/shipments/:id/cancel',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Cancel a shipment the carrier has not picked up yet (Idempotency-Key required)',
        description:
          'Cancelling a cancelled shipment answers it unchanged; after pickup the answer is 409 SHIPMENT_NOT_CANCELLABLE.',
        params: IdParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({ description: 'Required: 1-255 visible ASCII characters, e.g. a UUID' }),
          ),
        }),
        response: { 200: ShipmentDetailView },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request, { required: true }) ?? '';
      const shipmentId = request.params.id;
      const outcome = await runIdempotent(
        db,
        { scope: 'shipping.rest.cancel-shipment', key, request: { shipmentId } },
        async (trx) => {
          const cancelled = await cancelShipment(trx, deps, shipmentId);
          return toShipmentDetailView(cancelled, await timelineOf(trx, shipmentId));
        },
      ).catch((error: unknown) => {
        throw asProblem(error);
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return outcome.result;
    },
  );

  app.get(
    '/shipments/:id/label',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'The shipping label: an A6 PDF with the tracking number as text and Code 128 barcode',
        description: "The path is every shipment's labelPath (and label_path over gRPC).",
        params: IdParams,
        response: {
          200: {
            description: 'The label, A6',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const shipment = await findShipment(db, request.params.id);
      if (!shipment) throw ShipmentNotFound(`There is no shipment ${request.params.id}`);
      const carrierName = (await findCarrierName(db, shipment.carrier)) ?? shipment.carrier;
      const pdf = await renderShippingLabel(shipment, carrierName);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="label-${shipment.trackingNumber}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
