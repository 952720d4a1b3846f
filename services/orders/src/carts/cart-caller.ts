/**
 * Whose cart a request is about: a logged-in user's (the token's subject), or a guest cart
 * reached by the id its client holds (X-Cart-Id). A guest cart id is a random UUID, and
 * knowing it is what gives access, as with a session cookie.
 */
export type CartCaller = { kind: 'user'; userId: string } | { kind: 'guest'; cartId: string };

/** Idempotency keys are unique per cart owner: two guests may pick the same key. */
export function idempotencyScopeOf(caller: CartCaller, operation: string): string {
  return caller.kind === 'user'
    ? `orders.cart.${operation}:user:${caller.userId}`
    : `orders.cart.${operation}:guest:${caller.cartId}`;
}
