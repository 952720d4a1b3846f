import { Type } from '@sinclair/typebox';
import { ORDER_ID_PATTERN, SKU_PATTERN, WAREHOUSE_PATTERN } from '../domain/identifiers.ts';
import { MAX_LINES } from '../domain/reservation-lines.ts';
import { RESERVATION_STATUSES } from '../domain/reservation-status.ts';
import { MAX_ON_HAND } from '../stock/adjust-stock.ts';

/** The request and response shapes of inventory's REST API, validated at the edge. */

const SKU_BODY = SKU_PATTERN.slice(1, -1);
export const MAX_SKUS_PER_QUERY = MAX_LINES;
export const MAX_RESTOCK = 1_000_000;

const Sku = Type.String({ pattern: SKU_PATTERN, description: 'A SKU, e.g. ELEC-HEAD-0001' });
const Warehouse = Type.String({ pattern: WAREHOUSE_PATTERN, description: 'A warehouse code, e.g. ams' });
const Count = Type.Integer({ minimum: 0 });
const Time = Type.String({ format: 'date-time' });

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });
export const StockTargetParams = Type.Object(
  { sku: Sku, warehouse: Warehouse },
  { additionalProperties: false },
);
export const OrderIdParams = Type.Object(
  { orderId: Type.String({ pattern: ORDER_ID_PATTERN, description: 'The order id the reservation is for' }) },
  { additionalProperties: false },
);

export const AvailabilityQuery = Type.Object(
  {
    skus: Type.String({
      pattern: `^${SKU_BODY}(,${SKU_BODY})*$`,
      maxLength: MAX_SKUS_PER_QUERY * 41,
      description: `Comma-separated SKUs, at most ${MAX_SKUS_PER_QUERY}`,
    }),
  },
  { additionalProperties: false },
);

const StockStatus = Type.Union(
  [Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')],
  { description: 'low_stock: available, but at or below the low-stock threshold' },
);

export const StockView = Type.Object(
  {
    sku: Sku,
    available: Type.Integer({ description: 'Units that can be ordered now, over all warehouses' }),
    status: StockStatus,
  },
  { additionalProperties: false },
);

export const AvailabilityView = Type.Object(
  {
    items: Type.Array(StockView, { description: 'One per SKU asked, in the order asked; unknown ones as 0' }),
    unknownSkus: Type.Array(Sku, { description: 'Asked SKUs inventory keeps no stock for' }),
  },
  { additionalProperties: false },
);

const WarehouseLevel = Type.Object(
  { warehouse: Warehouse, onHand: Count, reserved: Count, available: Count },
  { additionalProperties: false },
);

export const AdminStockView = Type.Object(
  {
    sku: Sku,
    onHand: Count,
    reserved: Count,
    available: Count,
    status: StockStatus,
    warehouses: Type.Array(WarehouseLevel),
  },
  { additionalProperties: false },
);

export const AdminStockQuery = Type.Object(
  {
    lowOnly: Type.Optional(
      Type.Boolean({ description: 'Only SKUs at or below the low-stock threshold (out of stock included)' }),
    ),
    skuPrefix: Type.Optional(
      Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{0,39}$', description: 'Only SKUs starting with this' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' }),
    ),
  },
  { additionalProperties: false },
);

export const AdminStockPage = Type.Object(
  {
    items: Type.Array(AdminStockView),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as cursor, with the same filters, for the next page; null on the last page',
    }),
  },
  { additionalProperties: false },
);

export const SetLevelBody = Type.Object(
  { onHand: Type.Integer({ minimum: 0, maximum: MAX_ON_HAND, description: 'The counted level' }) },
  { additionalProperties: false },
);

export const RestockBody = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: MAX_RESTOCK, description: 'Units that arrived' }) },
  { additionalProperties: false },
);

export const WarehouseList = Type.Object(
  {
    warehouses: Type.Array(
      Type.Object(
        {
          code: Warehouse,
          name: Type.String(),
          country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
          skus: Type.Integer({ description: 'SKUs with stock on hand here' }),
          onHand: Count,
          reserved: Count,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const Line = Type.Object(
  { sku: Sku, quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const Allocation = Type.Object(
  { sku: Sku, warehouse: Warehouse, quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ReservationView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orderId: Type.String(),
    status: Type.Union(RESERVATION_STATUSES.map((status) => Type.Literal(status))),
    lines: Type.Array(Line),
    allocations: Type.Array(Allocation),
    expiresAt: Time,
    createdAt: Time,
    updatedAt: Time,
  },
  { additionalProperties: false },
);

/** Documents the header; its shape is checked by idempotencyKeyOf, which answers IDEMPOTENCY_KEY_* codes. */
export const IdempotencyKeyHeader = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Makes a retry safe: the same key and request answer the first result' }),
  ),
});
