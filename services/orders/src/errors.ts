import { defineProblem } from '@emporium/platform/http';

/**
 * Every error the orders service answers with, defined once, each with a stable code and one
 * HTTP status; docs/errors.md lists them. Input the schemas refuse answers VALIDATION_FAILED
 * (400) from the chassis, token problems come from @emporium/platform/security, key problems
 * from @emporium/platform/idempotency, and saga lookups from @emporium/platform/saga.
 */
export const CartNotFound = defineProblem('CART_NOT_FOUND', 404, 'No such cart');
export const CartLineNotFound = defineProblem(
  'CART_LINE_NOT_FOUND',
  404,
  'The cart has no line for this SKU',
);
export const CartEmpty = defineProblem('CART_EMPTY', 422, 'The cart is empty');
export const CartLimitExceeded = defineProblem('CART_LIMIT_EXCEEDED', 422, 'The cart cannot hold that much');
export const UnknownSku = defineProblem('UNKNOWN_SKU', 422, 'The catalog has no product with this SKU');
export const ProductDiscontinued = defineProblem(
  'PRODUCT_DISCONTINUED',
  422,
  'The product is no longer sold',
);
export const CatalogUnavailable = defineProblem(
  'CATALOG_UNAVAILABLE',
  503,
  'Products cannot be checked right now; try again shortly',
);
export const OrderNotFound = defineProblem('ORDER_NOT_FOUND', 404, 'No such order');
export const OrderNotCancellable = defineProblem(
  'ORDER_NOT_CANCELLABLE',
  409,
  'The order cannot be cancelled now',
);
export const OrderNotRefundable = defineProblem(
  'ORDER_NOT_REFUNDABLE',
  409,
  'Only a shipped or delivered order can be refunded',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this listing');
/** GET /choreographies/:id: no choreographed checkout has this id (an orchestrated one is at /sagas/:id). */
export const ChoreographyNotFound = defineProblem(
  'CHOREOGRAPHY_NOT_FOUND',
  404,
  'No checkout by choreography has this id',
);
export const CartIdRequired = defineProblem(
  'CART_ID_REQUIRED',
  400,
  'Send an access token, or the X-Cart-Id of a guest cart',
);
