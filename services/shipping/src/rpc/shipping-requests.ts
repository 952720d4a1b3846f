import type { PostalAddress } from '@emporium/contracts/proto/common/v1/postal_address';
import type {
  CreateShipmentRequest,
  QuoteRatesRequest,
} from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { Code, ConnectError } from '@emporium/platform/rpc';
import { isSupportedCurrency, SUPPORTED_CURRENCIES } from '../domain/currency-conversion.ts';
import { MAX_WEIGHT_GRAMS, MIN_WEIGHT_GRAMS, type Parcel } from '../domain/rate-card.ts';
import { countryProblem, ONE_LINE_PATTERN, shipToProblem } from '../domain/ship-to-rules.ts';
import type { ShipmentItem, ShipTo } from '../domain/shipment.ts';
import type { NewShipment } from '../shipments/book-shipment.ts';

/**
 * The gRPC requests checked field by field (protobuf only guarantees types), each refusal an
 * INVALID_ARGUMENT that names the field as the proto does: "weight_grams: ...".
 */

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const SKU = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
const ONE_LINE = new RegExp(ONE_LINE_PATTERN);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_ITEMS = 200;
export const MAX_QUANTITY = 10_000;

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function weightGrams(value: number): number {
  if (!Number.isInteger(value) || value < MIN_WEIGHT_GRAMS || value > MAX_WEIGHT_GRAMS) {
    throw invalid(
      `weight_grams: a parcel weighs ${MIN_WEIGHT_GRAMS} to ${MAX_WEIGHT_GRAMS} grams, got ${value}`,
    );
  }
  return value;
}

function currency(value: string): string {
  if (value === '') throw invalid('currency: is required (ISO 4217, e.g. EUR)');
  if (!isSupportedCurrency(value)) {
    throw invalid(
      `currency: unsupported currency ${shown(value)}; supported: ${SUPPORTED_CURRENCIES.join(', ')}`,
    );
  }
  return value;
}

export function idempotencyKey(value: string): string {
  if (value === '') throw invalid('idempotency_key: is required');
  if (!IDEMPOTENCY_KEY.test(value)) throw invalid('idempotency_key: 1 to 255 visible ASCII characters');
  return value;
}

export function shipmentId(value: string): string {
  if (!UUID.test(value))
    throw invalid(`shipment_id: ${shown(value)} is not a shipment id (a lower-case UUID)`);
  return value;
}

export function parcelFrom(request: QuoteRatesRequest): Parcel {
  if (!request.shipTo) throw invalid('ship_to: is required (at least its country)');
  const country = countryProblem(request.shipTo.country);
  if (country) throw invalid(`ship_to.country: ${country}`);
  return {
    country: request.shipTo.country,
    weightGrams: weightGrams(request.weightGrams),
    currency: currency(request.currency),
  };
}

function shipToFrom(address: PostalAddress | undefined): ShipTo {
  if (!address) throw invalid('ship_to: is required');
  const shipTo = {
    recipient: address.recipient,
    lines: [...address.lines],
    city: address.city,
    postalCode: address.postalCode,
    region: address.region,
    country: address.country,
  };
  const problem = shipToProblem(shipTo, 'ship_to');
  if (problem) throw invalid(problem);
  return shipTo;
}

function itemsFrom(items: CreateShipmentRequest['items']): ShipmentItem[] {
  if (items.length === 0) throw invalid('items: give at least one item');
  if (items.length > MAX_ITEMS) throw invalid(`items: at most ${MAX_ITEMS}, got ${items.length}`);
  const seen = new Set<string>();
  return items.map(({ sku, quantity }, index) => {
    if (!SKU.test(sku)) {
      throw invalid(
        `items[${index}].sku: ${shown(sku)} is not a SKU (upper-case letters, digits and dashes, 3-40)`,
      );
    }
    if (seen.has(sku))
      throw invalid(`items[${index}].sku: ${sku} is listed twice; give its total quantity once`);
    seen.add(sku);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw invalid(`items[${index}].quantity: 1 to ${MAX_QUANTITY}, got ${quantity}`);
    }
    return { sku, quantity };
  });
}

function requiredLine(field: string, value: string, maxLength: number): string {
  if (value === '') throw invalid(`${field}: is required`);
  if (value.length > maxLength || !ONE_LINE.test(value)) {
    throw invalid(
      `${field}: one line of at most ${maxLength} characters, no control characters or surrounding spaces`,
    );
  }
  return value;
}

/** CreateShipment's request as the booking needs it; the rate card checks carrier and service level. */
export function newShipmentFrom(request: CreateShipmentRequest): { key: string; shipment: NewShipment } {
  const key = idempotencyKey(request.idempotencyKey);
  return {
    key,
    shipment: {
      orderId: requiredLine('order_id', request.orderId, 100),
      carrier: requiredLine('carrier', request.carrier, 40),
      serviceLevel: requiredLine('service_level', request.serviceLevel, 40),
      shipTo: shipToFrom(request.shipTo),
      items: itemsFrom(request.items),
      weightGrams: weightGrams(request.weightGrams),
      currency: currency(request.currency),
    },
  };
}
