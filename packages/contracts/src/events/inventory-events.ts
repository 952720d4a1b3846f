import { Type } from '@sinclair/typebox';
import { defineEvent } from './define-event.ts';

const Sku = Type.String({ description: "The product's SKU, as the catalog names it" });
const Warehouse = Type.String({ description: 'Warehouse code, e.g. ams' });
const Quantity = Type.Integer({ minimum: 1 });

const Line = Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false });
const Allocation = Type.Object(
  { sku: Sku, warehouse: Warehouse, quantity: Quantity },
  { additionalProperties: false },
);

/** What every reservation event carries: which order, what it asked for, and where it is taken from. */
const reservation = {
  reservationId: Type.String({ format: 'uuid' }),
  orderId: Type.String({ description: 'The order the stock is reserved for (the event subject too)' }),
  lines: Type.Array(Line, { description: 'As reserved, one per SKU, in SKU order' }),
  allocations: Type.Array(Allocation, { description: 'Which warehouses the lines are taken from' }),
};

export const StockReserved = defineEvent(
  'emporium.inventory.stock.reserved.v1',
  Type.Object(
    {
      ...reservation,
      expiresAt: Type.String({ format: 'date-time', description: 'Released then unless committed' }),
      reservedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'Every line of an order was reserved (all or nothing); the stock is held until it is committed, released or expires.',
);

export const StockReleased = defineEvent(
  'emporium.inventory.stock.released.v1',
  Type.Object(
    {
      ...reservation,
      reason: Type.Union([Type.Literal('released'), Type.Literal('expired')], {
        description: 'released: the order gave it back; expired: it was not committed in time',
      }),
      releasedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  "An order's reserved stock became available again: given back, or expired uncommitted.",
);

export const StockCommitted = defineEvent(
  'emporium.inventory.stock.committed.v1',
  Type.Object(
    { ...reservation, committedAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  "An order's reserved stock left the warehouses (the goods ship): on hand went down by the allocations.",
);

export const StockLow = defineEvent(
  'emporium.inventory.stock.low.v1',
  Type.Object(
    {
      sku: Sku,
      available: Type.Integer({ minimum: 0, description: 'On hand minus reserved, over all warehouses' }),
      threshold: Type.Integer({ minimum: 0 }),
      changedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  "A SKU's availability over all warehouses fell to or below the low-stock threshold (once per crossing).",
);

export const StockAdjusted = defineEvent(
  'emporium.inventory.stock.adjusted.v1',
  Type.Object(
    {
      sku: Sku,
      warehouse: Warehouse,
      reason: Type.Union([Type.Literal('restock'), Type.Literal('count')], {
        description: 'restock: goods arrived; count: an admin set the level (a stock count)',
      }),
      onHandBefore: Type.Integer({ minimum: 0 }),
      onHand: Type.Integer({ minimum: 0 }),
      availableBefore: Type.Integer({ minimum: 0, description: 'Over all warehouses, before' }),
      available: Type.Integer({ minimum: 0, description: 'Over all warehouses, after' }),
      adjustedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'An admin changed the stock on hand of a SKU in one warehouse (a restock, or a count setting the level).',
);

export const inventoryEvents = [StockReserved, StockReleased, StockCommitted, StockLow, StockAdjusted];
