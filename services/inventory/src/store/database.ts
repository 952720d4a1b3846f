import type { IdempotencyTables } from '@emporium/platform/idempotency';
import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ReservationStatus } from '../domain/reservation-status.ts';

/**
 * The inventory database as Kysely sees it: its own tables, the chassis's outbox, inbox and
 * dead letters, and the idempotency keys of the admin REST calls.
 */
export type InventoryDatabase = InventoryTables & MessagingTables & IdempotencyTables;

/** Inventory's own tables (see migrations/ for the DDL and its constraints). */
export interface InventoryTables {
  warehouses: WarehousesTable;
  stock: StockTable;
  reservations: ReservationsTable;
  reservation_allocations: ReservationAllocationsTable;
  stock_movements: StockMovementsTable;
}

export interface WarehousesTable {
  code: string;
  name: string;
  country: string;
  position: number;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One row per (SKU, warehouse); a SKU is known to inventory when it has rows. */
export interface StockTable {
  sku: string;
  warehouse: string;
  /** Held by the warehouse, reserved or not; 0 <= reserved <= on_hand is a check constraint. */
  on_hand: number;
  reserved: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** jsonb columns: pg parses them on read; they are written as JSON text. */
type JsonColumn<T> = ColumnType<T, string, string>;

export interface ReservationsTable {
  id: Generated<string>;
  /** Unique: one reservation per order, ever (the order id is Reserve's idempotency key). */
  order_id: string;
  status: ReservationStatus;
  /** The lines as reserved, in SKU order: what a repeated Reserve is compared with. */
  lines: JsonColumn<{ sku: string; quantity: number }[]>;
  expires_at: Date;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export interface ReservationAllocationsTable {
  reservation_id: string;
  sku: string;
  warehouse: string;
  quantity: number;
}

/**
 * The stock ledger, append-only: one row per change of on hand. Per (SKU, warehouse) the
 * quantities sum to on hand (GET /admin/stock/audit shows it).
 */
export interface StockMovementsTable {
  id: Generated<string>;
  sku: string;
  warehouse: string;
  kind: StockMovementKind;
  /** Signed: what on hand changed by. */
  quantity: number;
  /** What caused it: the order of a commit, nothing for a count or a restock. */
  reference: string | null;
  created_at: ColumnType<Date, Date, never>;
}

/** opening: on hand when the ledger began; seed: demo stock; count: a stocktake's correction. */
export type StockMovementKind = 'opening' | 'seed' | 'restock' | 'count' | 'commit';

export type StockRow = Selectable<StockTable>;
export type ReservationRow = Selectable<ReservationsTable>;
export type WarehouseRow = Selectable<WarehousesTable>;
