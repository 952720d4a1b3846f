import type { Address } from '@emporium/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { AddressesTable, IdentityDatabase } from './database.ts';

/** An address in a user's book: the shared Address value plus its id and default flag. */
export interface SavedAddress extends Address {
  id: string;
  isDefault: boolean;
  createdAt: Date;
}

/**
 * Locks the user's row so that changes to one address book run one after another: the
 * 20-address limit and the single default are checked and kept without races. False when
 * the user does not exist.
 */
export async function lockAddressBook(trx: Kysely<IdentityDatabase>, userId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function listAddresses(db: Kysely<IdentityDatabase>, userId: string): Promise<SavedAddress[]> {
  const rows = await db
    .selectFrom('addresses')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSavedAddress);
}

export async function findAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  id: string,
): Promise<SavedAddress | undefined> {
  // Always scoped by owner: another user's address id finds nothing.
  const row = await db
    .selectFrom('addresses')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toSavedAddress(row);
}

export async function insertAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  address: Address,
  isDefault: boolean,
): Promise<SavedAddress> {
  const row = await db
    .insertInto('addresses')
    .values({ user_id: userId, ...toColumns(address), is_default: isDefault })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSavedAddress(row);
}

export async function updateAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  id: string,
  address: Address,
  isDefault: boolean,
): Promise<SavedAddress | undefined> {
  const row = await db
    .updateTable('addresses')
    .set({ ...toColumns(address), is_default: isDefault, updated_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return row && toSavedAddress(row);
}

/** Clears the user's default, except on `keep`; run before making another address the default. */
export async function clearDefaultAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  keep?: string,
): Promise<void> {
  let query = db
    .updateTable('addresses')
    .set({ is_default: false, updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('is_default', '=', true);
  if (keep !== undefined) query = query.where('id', '!=', keep);
  await query.execute();
}

export async function makeDefaultAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  id: string,
): Promise<void> {
  await db
    .updateTable('addresses')
    .set({ is_default: true, updated_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  id: string,
): Promise<SavedAddress | undefined> {
  const row = await db
    .deleteFrom('addresses')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return row && toSavedAddress(row);
}

function toColumns(address: Address) {
  return {
    recipient: address.name,
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region ?? null,
    postal_code: address.postalCode,
    country: address.country,
    phone: address.phone ?? null,
  };
}

function toSavedAddress(row: Selectable<AddressesTable>): SavedAddress {
  return {
    id: row.id,
    name: row.recipient,
    line1: row.line1,
    line2: row.line2 ?? undefined,
    city: row.city,
    region: row.region ?? undefined,
    postalCode: row.postal_code,
    country: row.country,
    phone: row.phone ?? undefined,
    isDefault: row.is_default,
    createdAt: row.created_at,
  };
}
