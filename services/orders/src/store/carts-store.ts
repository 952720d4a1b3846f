import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrdersDatabase } from './database.ts';

export interface CartRecord {
  id: string;
  userId: string | null;
  updatedAt: Date;
}

export interface CartLineRecord {
  sku: string;
  name: string;
  quantity: number;
}

type Db = Kysely<OrdersDatabase>;

const CART_COLUMNS = ['id', 'user_id as userId', 'updated_at as updatedAt'] as const;

export function findCart(db: Db, id: string): Promise<CartRecord | undefined> {
  return db.selectFrom('carts').select(CART_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUserCart(db: Db, userId: string): Promise<CartRecord | undefined> {
  return db.selectFrom('carts').select(CART_COLUMNS).where('user_id', '=', userId).executeTakeFirst();
}

/**
 * The cart, locked until the transaction ends: changes to one cart (and a checkout of it)
 * happen one after the other, so none is lost and a cart is never ordered twice.
 */
export function lockCart(trx: Db, id: string): Promise<CartRecord | undefined> {
  return trx.selectFrom('carts').select(CART_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The user's cart, made on first use, locked (see lockCart). Safe when two requests make it at once. */
export async function lockUserCart(trx: Db, userId: string, now: Date): Promise<CartRecord> {
  await trx
    .insertInto('carts')
    .values({ id: randomUUID(), user_id: userId, created_at: now, updated_at: now })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .execute();
  return trx
    .selectFrom('carts')
    .select(CART_COLUMNS)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function createGuestCart(trx: Db, now: Date): Promise<CartRecord> {
  const id = randomUUID();
  await trx.insertInto('carts').values({ id, user_id: null, created_at: now, updated_at: now }).execute();
  return { id, userId: null, updatedAt: now };
}

/** In the order they were first added. */
export function cartLines(db: Db, cartId: string): Promise<CartLineRecord[]> {
  return db
    .selectFrom('cart_lines')
    .select(['sku', 'name', 'quantity'])
    .where('cart_id', '=', cartId)
    .orderBy('added_at')
    .orderBy('sku')
    .execute();
}

/**
 * Makes the cart's lines exactly `lines`: changed quantities are updated, new lines added
 * (after the others), missing ones removed. The cart's updated_at moves to `now`.
 */
export async function writeCartLines(
  trx: Db,
  cartId: string,
  before: readonly CartLineRecord[],
  lines: readonly CartLineRecord[],
  now: Date,
): Promise<void> {
  const previous = new Map(before.map((line) => [line.sku, line]));
  const kept = new Set(lines.map((line) => line.sku));
  const removed = before.filter((line) => !kept.has(line.sku)).map((line) => line.sku);
  if (removed.length > 0) {
    await trx.deleteFrom('cart_lines').where('cart_id', '=', cartId).where('sku', 'in', removed).execute();
  }
  // Added one millisecond apart, so the order they were given in is the order they are listed in.
  let added = 0;
  for (const line of lines) {
    const old = previous.get(line.sku);
    if (!old) {
      await trx
        .insertInto('cart_lines')
        .values({
          cart_id: cartId,
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          added_at: new Date(now.getTime() + added++),
        })
        .execute();
    } else if (old.quantity !== line.quantity) {
      await trx
        .updateTable('cart_lines')
        .set({ quantity: line.quantity })
        .where('cart_id', '=', cartId)
        .where('sku', '=', line.sku)
        .execute();
    }
  }
  await trx.updateTable('carts').set({ updated_at: now }).where('id', '=', cartId).execute();
}

export async function deleteCart(trx: Db, cartId: string): Promise<void> {
  await trx.deleteFrom('carts').where('id', '=', cartId).execute();
}

/** Guest carts untouched since `before`; their lines go with them. Returns how many. */
export async function pruneGuestCarts(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('carts')
    .where('user_id', 'is', null)
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
