import { defineProblem, ProblemError, type ProblemFactory } from '@emporium/platform/http';
import { IdempotencyKeyConflict } from '@emporium/platform/idempotency';
import { Code, ConnectError } from '@emporium/platform/rpc';

/**
 * Every error inventory answers with, defined once: a stable code, one HTTP status, and (in
 * GRPC_CODES below) one gRPC code for the same refusal over InventoryService. docs/errors.md
 * and the README list them. Input the schemas refuse answers VALIDATION_FAILED (400) from the
 * chassis; over gRPC, INVALID_ARGUMENT naming the field.
 */
export const SkuNotFound = defineProblem('SKU_NOT_FOUND', 404, 'No stock is kept for this SKU');
export const WarehouseNotFound = defineProblem('WAREHOUSE_NOT_FOUND', 404, 'No such warehouse');
export const ReservationNotFound = defineProblem(
  'RESERVATION_NOT_FOUND',
  404,
  'The order has no reservation',
);
/** Reserve: some line cannot be filled from all warehouses together; nothing was reserved. */
export const InsufficientStock = defineProblem(
  'INSUFFICIENT_STOCK',
  409,
  'Not enough stock for every line; nothing was reserved',
);
/** Reserve: the order id is the idempotency key, and it was used with other lines. */
export const ReservationLinesDiffer = defineProblem(
  'RESERVATION_LINES_DIFFER',
  409,
  'The order already has a reservation of other lines',
);
/** Commit, or a repeated Reserve, of a reservation that was released or expired. */
export const ReservationEnded = defineProblem(
  'RESERVATION_ENDED',
  409,
  'The reservation was released or expired; its stock is no longer held',
);
/** Release of a reservation whose goods have shipped. */
export const ReservationCommitted = defineProblem(
  'RESERVATION_COMMITTED',
  409,
  'The reservation was committed; its stock has left the warehouse',
);
export const OnHandBelowReserved = defineProblem(
  'ON_HAND_BELOW_RESERVED',
  409,
  'Stock on hand cannot be set below what is reserved',
);
export const StockLimitExceeded = defineProblem(
  'STOCK_LIMIT_EXCEEDED',
  422,
  'Stock on hand would exceed the largest level kept',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this request');

/** The gRPC code of each problem InventoryService can answer with. */
const GRPC_CODES = new Map<string, Code>(
  (
    [
      [SkuNotFound, Code.NotFound],
      [WarehouseNotFound, Code.NotFound],
      [ReservationNotFound, Code.NotFound],
      [InsufficientStock, Code.FailedPrecondition],
      [ReservationLinesDiffer, Code.AlreadyExists],
      [ReservationEnded, Code.FailedPrecondition],
      [ReservationCommitted, Code.FailedPrecondition],
      [OnHandBelowReserved, Code.FailedPrecondition],
      [StockLimitExceeded, Code.FailedPrecondition],
      [InvalidCursor, Code.InvalidArgument],
      [IdempotencyKeyConflict, Code.AlreadyExists],
    ] satisfies [ProblemFactory, Code][]
  ).map(([problem, code]) => [problem.code, code]),
);

/**
 * A refusal as the gRPC error a caller of InventoryService gets: the problem's gRPC code and
 * its detail as the message. Anything else passes unchanged (the chassis hides unexpected
 * errors behind INTERNAL).
 */
export function asRpcError(error: unknown): unknown {
  if (!(error instanceof ProblemError)) return error;
  const code = GRPC_CODES.get(error.code) ?? (error.status < 500 ? Code.FailedPrecondition : Code.Internal);
  return new ConnectError(error.message, code);
}
