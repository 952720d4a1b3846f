import { Type } from '@sinclair/typebox';
import { SKU_PATTERN } from '../domain/identifiers.ts';
import { RESERVATION_STATUSES } from '../domain/reservation-status.ts';

/** Shapes of the audit routes: what `emporium check` reads to prove stock is conserved. */

const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' }),
  ),
};

export const StockAuditQuery = Type.Object(Page, { additionalProperties: false });

const Units = Type.Integer();

export const StockAuditPage = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          sku: Type.String({ pattern: SKU_PATTERN }),
          onHand: Units,
          reserved: Units,
          received: Type.Integer({ description: 'Opening balance, demo seed and restocks, by the ledger' }),
          counted: Type.Integer({ description: 'Net stocktake corrections, by the ledger' }),
          committed: Type.Integer({ description: 'Units that left with orders, by the ledger' }),
          heldByReservations: Type.Integer({ description: 'Units held by reservations in force' }),
          committedByReservations: Type.Integer({ description: 'Units of committed reservations' }),
          conserved: Type.Boolean({
            description:
              'received + counted = onHand + committed, reserved = heldByReservations and committed = committedByReservations',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ReservationListQuery = Type.Object(
  {
    status: Type.Union(
      RESERVATION_STATUSES.map((status) => Type.Literal(status)),
      { description: 'reserved: those holding stock now' },
    ),
    ...Page,
  },
  { additionalProperties: false },
);

export const ReservationListPage = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String({ format: 'uuid' }),
          orderId: Type.String(),
          status: Type.Union(RESERVATION_STATUSES.map((status) => Type.Literal(status))),
          expiresAt: Type.String({ format: 'date-time' }),
          createdAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
