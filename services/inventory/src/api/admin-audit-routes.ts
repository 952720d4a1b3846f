import type { HttpServer } from '@emporium/platform/http';
import { decodeStockCursor, encodeStockCursor } from '../domain/stock-cursor.ts';
import { InvalidCursor } from '../errors.ts';
import { auditStock, listReservations } from '../store/stock-audit-queries.ts';
import {
  ReservationListPage,
  ReservationListQuery,
  StockAuditPage,
  StockAuditQuery,
} from './audit-schemas.ts';
import type { RouteOptions } from './route-options.ts';

const ADMIN = { tags: ['audit (admin)'], security: [{ bearer: [] }] };
const AUDIT_FILTERS = 'audit';

/**
 * What an auditor (`emporium check`) reads: each SKU's stock beside its ledger and its
 * reservations, and reservations by status, to prove no unit was made or lost.
 */
export function adminAuditRoutes(app: HttpServer, { deps, requireAdmin }: RouteOptions): void {
  const { db } = deps;

  app.get(
    '/admin/stock/audit',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: "Every SKU's stock beside its ledger and its reservations, in SKU order, a page at a time",
        querystring: StockAuditQuery,
        response: { 200: StockAuditPage },
      },
    },
    async (request) => {
      const { limit = 200, cursor } = request.query;
      const position = cursor === undefined ? undefined : decodeStockCursor(cursor);
      if (cursor !== undefined && position?.filters !== AUDIT_FILTERS) {
        throw InvalidCursor(
          'The cursor is malformed; pass nextCursor from the previous page exactly as it was given',
        );
      }
      const rows = await auditStock(db, { afterSku: position?.afterSku, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          ...row,
          conserved:
            row.received + row.counted === row.onHand + row.committed &&
            row.reserved === row.heldByReservations &&
            row.committed === row.committedByReservations,
        })),
        nextCursor:
          rows.length > limit && last
            ? encodeStockCursor({ afterSku: last.sku, filters: AUDIT_FILTERS })
            : null,
      };
    },
  );

  app.get(
    '/admin/reservations',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        tags: ['reservations (admin)'],
        summary: 'Reservations in one status, oldest first, a page at a time',
        querystring: ReservationListQuery,
        response: { 200: ReservationListPage },
      },
    },
    async (request) => {
      const { status, limit = 200, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeReservationCursor(cursor, status);
      if (cursor !== undefined && !after) {
        throw InvalidCursor(
          'The cursor is malformed or was made for another status; request the first page again',
        );
      }
      const rows = await listReservations(db, { status, after, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          ...row,
          expiresAt: row.expiresAt.toISOString(),
          createdAt: row.createdAt.toISOString(),
        })),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify([status, last.createdAt.toISOString(), last.id])).toString(
                'base64url',
              )
            : null,
      };
    },
  );
}

function decodeReservationCursor(text: string, status: string): { createdAt: Date; id: string } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 3 || decoded[0] !== status) return undefined;
    const [, at, id] = decoded as [unknown, unknown, unknown];
    const createdAt = new Date(typeof at === 'string' ? at : Number.NaN);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id))
      return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
