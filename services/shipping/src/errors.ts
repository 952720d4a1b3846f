import { defineProblem, type ProblemError } from '@emporium/platform/http';
import { IdempotencyKeyConflict, IdempotencyKeyReused } from '@emporium/platform/idempotency';
import { Code } from '@emporium/platform/rpc';

/**
 * Every error shipping answers with, defined once: a stable code, one HTTP status, and (in
 * grpcCodeOf) one gRPC code. docs/errors.md lists them. Input the schemas refuse answers
 * VALIDATION_FAILED (400) from the chassis; token problems come from @emporium/platform/security.
 */
export const ShipmentNotFound = defineProblem('SHIPMENT_NOT_FOUND', 404, 'No such shipment');
export const TrackingNumberNotFound = defineProblem(
  'TRACKING_NUMBER_NOT_FOUND',
  404,
  'No shipment has this tracking number',
);
export const TrackingNumberInvalid = defineProblem(
  'TRACKING_NUMBER_INVALID',
  400,
  'The tracking number is not valid',
);
export const UnknownCountry = defineProblem('UNKNOWN_COUNTRY', 400, 'The country is not an ISO 3166-1 code');
export const UnsupportedCurrency = defineProblem(
  'UNSUPPORTED_CURRENCY',
  400,
  'The currency is not supported',
);
export const UnknownCarrier = defineProblem('UNKNOWN_CARRIER', 400, 'There is no such carrier');
export const UnknownServiceLevel = defineProblem(
  'UNKNOWN_SERVICE_LEVEL',
  400,
  'The carrier does not offer this service level',
);
export const DestinationNotServed = defineProblem(
  'DESTINATION_NOT_SERVED',
  422,
  'The carrier does not deliver to this destination',
);
export const ParcelTooHeavy = defineProblem(
  'PARCEL_TOO_HEAVY',
  422,
  'The parcel is heavier than the carrier takes on this route',
);
export const AddressRejected = defineProblem(
  'ADDRESS_REJECTED',
  422,
  "The carrier's address check refused the ship-to address at booking",
);
export const ShipmentNotCancellable = defineProblem(
  'SHIPMENT_NOT_CANCELLABLE',
  409,
  'The carrier has already picked the parcel up',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this listing');
/** Checkout by choreography: no carrier ships the parcel at the service level (or by the carrier) asked. */
export const NoRate = defineProblem(
  'NO_RATE',
  422,
  'No carrier ships the parcel at this service level to the destination',
);

/** The chassis's IdempotencyKeyReused (a plain Error) as the problem REST answers with. */
export function asProblem(error: unknown): unknown {
  if (error instanceof IdempotencyKeyReused) {
    return IdempotencyKeyConflict(
      `Idempotency-Key ${JSON.stringify(error.key)} was already used for a different request; nothing was changed`,
    );
  }
  return error;
}

const GRPC_CODES: Readonly<Record<string, Code>> = {
  [ShipmentNotFound.code]: Code.NotFound,
  [TrackingNumberNotFound.code]: Code.NotFound,
  [ShipmentNotCancellable.code]: Code.FailedPrecondition,
  [DestinationNotServed.code]: Code.FailedPrecondition,
  [ParcelTooHeavy.code]: Code.FailedPrecondition,
  [AddressRejected.code]: Code.FailedPrecondition,
  [IdempotencyKeyConflict.code]: Code.AlreadyExists,
};

/** The gRPC status of a problem: per code above, else INVALID_ARGUMENT for any other 4xx. */
export function grpcCodeOf(problem: ProblemError): Code {
  return GRPC_CODES[problem.code] ?? (problem.status < 500 ? Code.InvalidArgument : Code.Internal);
}
