import type { Kysely } from 'kysely';
import { addToCart, type CartChange, mergeCarts } from '../domain/cart-rules.ts';
import { CartLimitExceeded, CartLineNotFound, CartNotFound } from '../errors.ts';
import type { OrderEvents } from '../events/order-events.ts';
import { idempotentCall } from '../idempotent-call.ts';
import type { Participants } from '../participants/participants.ts';
import {
  type CartLineRecord,
  type CartRecord,
  cartLines,
  deleteCart,
  lockCart,
  lockUserCart,
  writeCartLines,
} from '../store/carts-store.ts';
import type { OrdersDatabase } from '../store/database.ts';
import { type CartCaller, idempotencyScopeOf } from './cart-caller.ts';
import { sellableProduct } from './sellable-product.ts';

export interface CartDeps {
  db: Kysely<OrdersDatabase>;
  participants: Participants;
  events: Pick<OrderEvents, 'cartStarted'>;
  clock: () => Date;
}

/** Which cart a change was made to (the caller reads it back to show it). */
export interface CartChanged {
  cartId: string;
}

type Trx = Kysely<OrdersDatabase>;

/** The caller's cart, locked for the change: a user's is made on first use; a guest's must exist. */
async function cartToChange(trx: Trx, caller: CartCaller, now: Date): Promise<CartRecord> {
  if (caller.kind === 'user') return lockUserCart(trx, caller.userId, now);
  const cart = await lockCart(trx, caller.cartId);
  if (!cart || cart.userId !== null) throw CartNotFound(`There is no guest cart ${caller.cartId}`);
  return cart;
}

/** One change to one cart, in a transaction; with an idempotency key, once per key. */
async function changeCart(
  deps: CartDeps,
  caller: CartCaller,
  call: { operation: string; key: string | undefined; request: unknown },
  change: (lines: CartLineRecord[]) => CartLineRecord[],
): Promise<{ result: CartChanged; replayed: boolean }> {
  const work = async (trx: Trx): Promise<CartChanged> => {
    const now = deps.clock();
    const cart = await cartToChange(trx, caller, now);
    const before = await cartLines(trx, cart.id);
    const after = change(before);
    await writeCartLines(trx, cart.id, before, after, now);
    const [first] = after;
    if (before.length === 0 && first) await deps.events.cartStarted(trx, cart, first.sku, now);
    return { cartId: cart.id };
  };
  return idempotentCall(
    deps.db,
    { scope: idempotencyScopeOf(caller, call.operation), key: call.key, request: call.request },
    work,
  );
}

function applied(change: CartChange, names: ReadonlyMap<string, string>): CartLineRecord[] {
  if (!change.ok) throw CartLimitExceeded(change.problem);
  return change.lines.map((line) => ({ ...line, name: names.get(line.sku) ?? line.sku }));
}

/** Adds a product the catalog sells (more of it, if the cart has it already). */
export async function addCartItem(
  deps: CartDeps,
  caller: CartCaller,
  item: { sku: string; quantity: number },
  key: string | undefined,
) {
  const product = await sellableProduct(deps.participants.catalog, item.sku);
  return changeCart(deps, caller, { operation: 'add', key, request: item }, (lines) =>
    applied(
      addToCart(lines, item.sku, item.quantity),
      new Map([...lines.map((line) => [line.sku, line.name] as const), [product.sku, product.name]]),
    ),
  );
}

/** Sets a line's quantity (CART_LINE_NOT_FOUND when the cart has no such line). */
export function setCartItemQuantity(
  deps: CartDeps,
  caller: CartCaller,
  item: { sku: string; quantity: number },
  key: string | undefined,
) {
  return changeCart(deps, caller, { operation: 'set', key, request: item }, (lines) => {
    if (!lines.some((line) => line.sku === item.sku)) {
      throw CartLineNotFound(`The cart has no ${item.sku}`);
    }
    return lines.map((line) => (line.sku === item.sku ? { ...line, quantity: item.quantity } : line));
  });
}

/** Removes a line; removing one the cart does not have changes nothing. */
export function removeCartItem(deps: CartDeps, caller: CartCaller, sku: string, key: string | undefined) {
  return changeCart(deps, caller, { operation: 'remove', key, request: { sku } }, (lines) =>
    lines.filter((line) => line.sku !== sku),
  );
}

/**
 * After login: the guest cart's lines join the user's cart and the guest cart is deleted, in
 * one transaction. Merging it again finds no guest cart (CART_NOT_FOUND), unless the same
 * idempotency key replays the first merge.
 */
export function mergeGuestCart(
  deps: CartDeps,
  userId: string,
  guestCartId: string,
  key: string | undefined,
): Promise<{ result: CartChanged; replayed: boolean }> {
  const caller: CartCaller = { kind: 'user', userId };
  const work = async (trx: Trx): Promise<CartChanged> => {
    const now = deps.clock();
    // Guest first, then the user's: every merge locks in this order, so merges never deadlock.
    const guest = await lockCart(trx, guestCartId);
    if (!guest || guest.userId !== null) throw CartNotFound(`There is no guest cart ${guestCartId}`);
    const cart = await lockUserCart(trx, userId, now);
    const guestLines = await cartLines(trx, guest.id);
    const before = await cartLines(trx, cart.id);
    const names = new Map([...guestLines, ...before].map((line) => [line.sku, line.name] as const));
    await writeCartLines(trx, cart.id, before, applied(mergeCarts(before, guestLines), names), now);
    await deleteCart(trx, guest.id);
    return { cartId: cart.id };
  };
  return idempotentCall(
    deps.db,
    { scope: idempotencyScopeOf(caller, 'merge'), key, request: { guestCartId } },
    work,
  );
}
