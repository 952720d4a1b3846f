import { defineProblem, HttpErrors, ProblemError, type ProblemFactory } from '@emporium/platform/http';
import { IdempotencyKeyReused } from '@emporium/platform/idempotency';
import { Code, ConnectError } from '@emporium/platform/rpc';

/**
 * Every error payments answers with, defined once: a stable code, one HTTP status, and (for
 * those a gRPC call can meet) one gRPC code. The README and docs/errors.md list them. Input
 * the schemas refuse answers VALIDATION_FAILED (400) from the chassis.
 */
export const PaymentNotFound = defineProblem('PAYMENT_NOT_FOUND', 404, 'No such payment');
/** An illegal move of the state machine: capture after void, refund before capture, ... */
export const IllegalPaymentTransition = defineProblem(
  'ILLEGAL_PAYMENT_TRANSITION',
  409,
  'The payment is not in a state that allows this',
);
export const CaptureExceedsAuthorized = defineProblem(
  'CAPTURE_EXCEEDS_AUTHORIZED',
  409,
  'The capture is larger than the authorised amount',
);
export const RefundExceedsCaptured = defineProblem(
  'REFUND_EXCEEDS_CAPTURED',
  409,
  'The refund is larger than what remains captured',
);
export const CurrencyMismatch = defineProblem(
  'CURRENCY_MISMATCH',
  422,
  "The amount is not in the payment's currency",
);
export const CurrencyNotAccepted = defineProblem(
  'CURRENCY_NOT_ACCEPTED',
  422,
  'Payments in this currency are not accepted',
);
export const CardNumberInvalid = defineProblem('CARD_NUMBER_INVALID', 422, 'The card number is not valid');
export const CardBrandNotAccepted = defineProblem(
  'CARD_BRAND_NOT_ACCEPTED',
  422,
  'Cards of this brand are not accepted',
);
export const CardExpired = defineProblem('CARD_EXPIRED', 422, 'The card has expired');
export const CvcInvalid = defineProblem('CVC_INVALID', 422, 'The security code is not valid for this card');
export const CardTokenNotFound = defineProblem('CARD_TOKEN_NOT_FOUND', 404, 'No such card token');
export const CardTokenUsed = defineProblem('CARD_TOKEN_USED', 409, 'The card token was already used');
export const CardTokenExpired = defineProblem('CARD_TOKEN_EXPIRED', 409, 'The card token has expired');
export const CardTokenNotYours = defineProblem(
  'CARD_TOKEN_NOT_YOURS',
  403,
  'The card token was issued to another user',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this request');

/** The gRPC code of each problem a gRPC call can meet; the one place the mapping lives. */
const GRPC_CODES: ReadonlyMap<ProblemFactory, Code> = new Map([
  [PaymentNotFound, Code.NotFound],
  [IllegalPaymentTransition, Code.FailedPrecondition],
  [CaptureExceedsAuthorized, Code.FailedPrecondition],
  [RefundExceedsCaptured, Code.FailedPrecondition],
  [CurrencyMismatch, Code.InvalidArgument],
  [CurrencyNotAccepted, Code.InvalidArgument],
  [CardTokenNotFound, Code.NotFound],
  [CardTokenUsed, Code.FailedPrecondition],
  [CardTokenExpired, Code.FailedPrecondition],
  [CardTokenNotYours, Code.PermissionDenied],
  [HttpErrors.ValidationFailed, Code.InvalidArgument],
]);
const GRPC_CODE_BY_PROBLEM = new Map([...GRPC_CODES].map(([factory, code]) => [factory.code, code]));

/**
 * A refusal as a gRPC caller sees it: the problem's gRPC code with its detail as the message,
 * a reused idempotency key as ALREADY_EXISTS, and a call abandoned by its caller as
 * DEADLINE_EXCEEDED. Anything else passes on unchanged (the chassis answers it INTERNAL and
 * logs it).
 */
export function toConnectError(error: unknown): unknown {
  if (error instanceof ProblemError) {
    const code = GRPC_CODE_BY_PROBLEM.get(error.code);
    if (code !== undefined) return new ConnectError(error.message, code);
  }
  if (error instanceof IdempotencyKeyReused) return new ConnectError(error.message, Code.AlreadyExists);
  // The caller's deadline passed while the card network was thinking: everything rolled back.
  if (error instanceof Error && error.name === 'AbortError') {
    return new ConnectError(
      'the call was cancelled before the card network answered; nothing was recorded',
      Code.DeadlineExceeded,
    );
  }
  return error;
}
