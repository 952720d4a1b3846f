import { create } from '@bufbuild/protobuf';
import {
  CommitResponseSchema,
  GetAvailabilityResponseSchema,
  InventoryService,
  ReleaseResponseSchema,
  ReserveResponseSchema,
} from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { Code, ConnectError, type RpcServices } from '@emporium/platform/rpc';
import { isOrderId, isSku, quoted } from '../domain/identifiers.ts';
import { checkReservationLines, TTL_SECONDS } from '../domain/reservation-lines.ts';
import { asRpcError } from '../errors.ts';
import { reserveStock } from '../reservations/reserve-stock.ts';
import { commitReservation, releaseReservation } from '../reservations/settle-reservation.ts';
import type { InventoryDeps } from '../stock/inventory-deps.ts';
import { stockTotalsOf } from '../store/stock-queries.ts';
import { toReservationMessage } from './reservation-message.ts';

export const MAX_SKUS_PER_CALL = 500;

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

function validOrderId(orderId: string): string {
  if (!isOrderId(orderId)) {
    throw invalid(
      orderId === ''
        ? 'order_id: give the order the stock is for'
        : `order_id: ${quoted(orderId)} is not an order id (1-128 visible ASCII characters)`,
    );
  }
  return orderId;
}

/** 0 is the service default; otherwise within TTL_SECONDS. */
function validTtlSeconds(ttlSeconds: number, defaultTtlSeconds: number): number {
  if (ttlSeconds === 0) return defaultTtlSeconds;
  if (ttlSeconds < TTL_SECONDS.min || ttlSeconds > TTL_SECONDS.max) {
    throw invalid(
      `ttl_seconds: must be 0 (the default, ${defaultTtlSeconds}) or ${TTL_SECONDS.min} to ${TTL_SECONDS.max}, got ${ttlSeconds}`,
    );
  }
  return ttlSeconds;
}

/** Asked SKUs once each, in the order first asked. */
function validSkus(skus: readonly string[]): string[] {
  if (skus.length === 0) throw invalid('skus: give at least one SKU');
  const unique = [...new Set(skus)];
  if (unique.length > MAX_SKUS_PER_CALL) {
    throw invalid(`skus: at most ${MAX_SKUS_PER_CALL} per call, got ${unique.length}`);
  }
  const malformed = unique.find((sku) => !isSku(sku));
  if (malformed !== undefined) {
    throw invalid(
      `skus: ${quoted(malformed)} is not a SKU (uppercase letters, digits and dashes, 3-40 characters)`,
    );
  }
  return unique;
}

/** Runs a call, answering a refusal with its gRPC code (errors.ts maps each problem to one). */
async function answering<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asRpcError(error);
  }
}

/**
 * inventory.v1.InventoryService: reservations for the orders service, availability for anyone
 * holding SKUs. Every request is checked here (INVALID_ARGUMENT naming the field) before it
 * reaches the database; the order id is the idempotency key of Reserve, Release and Commit.
 */
export function serveInventoryService(
  rpc: Pick<RpcServices, 'serve'>,
  deps: InventoryDeps,
  options: { defaultTtlSeconds: number },
): void {
  rpc.serve(InventoryService, {
    async reserve(request) {
      const orderId = validOrderId(request.orderId);
      const checked = checkReservationLines(request.lines);
      if (!checked.valid) throw invalid(checked.problem);
      const ttlSeconds = validTtlSeconds(request.ttlSeconds, options.defaultTtlSeconds);
      const reservation = await answering(() =>
        reserveStock(deps, { orderId, lines: checked.lines, ttlSeconds }),
      );
      return create(ReserveResponseSchema, { reservation: toReservationMessage(reservation) });
    },

    async release(request) {
      const orderId = validOrderId(request.orderId);
      const reservation = await answering(() => releaseReservation(deps, orderId));
      return create(
        ReleaseResponseSchema,
        reservation ? { reservation: toReservationMessage(reservation) } : {},
      );
    },

    async commit(request) {
      const orderId = validOrderId(request.orderId);
      const reservation = await answering(() => commitReservation(deps, orderId));
      return create(CommitResponseSchema, { reservation: toReservationMessage(reservation) });
    },

    async getAvailability(request) {
      const skus = validSkus(request.skus);
      const totals = await stockTotalsOf(deps.db, skus);
      return create(GetAvailabilityResponseSchema, {
        availability: skus.map((sku) => {
          const { onHand = 0, reserved = 0, available = 0 } = totals.get(sku) ?? {};
          return { sku, available, onHand, reserved };
        }),
      });
    },
  });
}
