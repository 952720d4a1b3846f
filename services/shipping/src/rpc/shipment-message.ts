import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { MoneySchema } from '@emporium/contracts/proto/common/v1/money';
import { PostalAddressSchema } from '@emporium/contracts/proto/common/v1/postal_address';
import {
  RateSchema,
  ShipmentSchema,
  ShipmentStatus,
  TrackingEventSchema,
} from '@emporium/contracts/proto/shipping/v1/shipping_service';
import type { Rate } from '../domain/rate-card.ts';
import { labelPathOf, type Shipment, type TrackingEntry } from '../domain/shipment.ts';
import type { ShipmentStatus as Status } from '../domain/shipment-status.ts';

const STATUS: Readonly<Record<Status, ShipmentStatus>> = {
  label_created: ShipmentStatus.LABEL_CREATED,
  picked_up: ShipmentStatus.PICKED_UP,
  in_transit: ShipmentStatus.IN_TRANSIT,
  out_for_delivery: ShipmentStatus.OUT_FOR_DELIVERY,
  delivered: ShipmentStatus.DELIVERED,
  exception: ShipmentStatus.EXCEPTION,
  returned: ShipmentStatus.RETURNED,
  cancelled: ShipmentStatus.CANCELLED,
};

export function toRateMessage(rate: Rate) {
  return create(RateSchema, {
    carrier: rate.carrier,
    serviceLevel: rate.serviceLevel,
    price: create(MoneySchema, { amountMinor: BigInt(rate.priceMinor), currency: rate.currency }),
    estimatedDaysMin: rate.estimatedDaysMin,
    estimatedDaysMax: rate.estimatedDaysMax,
  });
}

export function toShipmentMessage(shipment: Shipment, timeline: readonly TrackingEntry[]) {
  const { shipTo } = shipment;
  return create(ShipmentSchema, {
    id: shipment.id,
    orderId: shipment.orderId,
    carrier: shipment.carrier,
    serviceLevel: shipment.serviceLevel,
    trackingNumber: shipment.trackingNumber,
    status: STATUS[shipment.status],
    shipTo: create(PostalAddressSchema, {
      country: shipTo.country,
      region: shipTo.region,
      postalCode: shipTo.postalCode,
      city: shipTo.city,
      lines: [...shipTo.lines],
      recipient: shipTo.recipient,
    }),
    items: shipment.items.map(({ sku, quantity }) => ({ sku, quantity })),
    weightGrams: shipment.weightGrams,
    price: create(MoneySchema, {
      amountMinor: BigInt(shipment.price.amountMinor),
      currency: shipment.price.currency,
    }),
    labelPath: labelPathOf(shipment.id),
    timeline: timeline.map((entry) =>
      create(TrackingEventSchema, {
        status: STATUS[entry.status],
        description: entry.description,
        location: entry.location,
        time: timestampFromDate(entry.occurredAt),
      }),
    ),
    createTime: timestampFromDate(shipment.createdAt),
  });
}
