import type { Address } from '@emporium/contracts';
import { inTransaction } from '@emporium/platform/db';
import type { Kysely } from 'kysely';
import {
  ADDRESS_BOOK_LIMIT,
  defaultAfterUpdate,
  isAddressBookFull,
  isDefaultOnCreate,
  successorDefault,
} from '../domain/address-book.ts';
import { AddressLimitReached, AddressNotFound, DefaultAddressRequired, UserNotFound } from '../errors.ts';
import {
  clearDefaultAddress,
  deleteAddress,
  findAddress,
  insertAddress,
  listAddresses,
  lockAddressBook,
  makeDefaultAddress,
  type SavedAddress,
  updateAddress,
} from '../store/addresses-store.ts';
import type { IdentityDatabase } from '../store/database.ts';

/**
 * Changes to one user's address book. Each runs in a transaction holding the user's row
 * lock (lockAddressBook), so the limit and the single default hold under concurrent calls.
 */

export async function addAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  address: Address,
  makeDefault: boolean | undefined,
): Promise<SavedAddress> {
  return inTransaction(db, async (trx) => {
    await lockOrThrow(trx, userId);
    const existing = await listAddresses(trx, userId);
    if (isAddressBookFull(existing.length)) {
      throw AddressLimitReached(
        `An address book holds at most ${ADDRESS_BOOK_LIMIT} addresses; delete one before adding another`,
      );
    }
    const isDefault = isDefaultOnCreate(existing.length, makeDefault);
    if (isDefault) await clearDefaultAddress(trx, userId);
    return insertAddress(trx, userId, address, isDefault);
  });
}

export async function replaceAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  addressId: string,
  address: Address,
  makeDefault: boolean | undefined,
): Promise<SavedAddress> {
  return inTransaction(db, async (trx) => {
    await lockOrThrow(trx, userId);
    const current = await findAddress(trx, userId, addressId);
    if (!current) throw addressNotFound(addressId);
    const isDefault = defaultAfterUpdate(current.isDefault, makeDefault);
    if (isDefault === 'refused') {
      throw DefaultAddressRequired('This is your default address; make another address the default instead');
    }
    if (isDefault && !current.isDefault) await clearDefaultAddress(trx, userId, addressId);
    const updated = await updateAddress(trx, userId, addressId, address, isDefault);
    if (!updated) throw addressNotFound(addressId);
    return updated;
  });
}

export async function removeAddress(
  db: Kysely<IdentityDatabase>,
  userId: string,
  addressId: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockOrThrow(trx, userId);
    const removed = await deleteAddress(trx, userId, addressId);
    if (!removed) throw addressNotFound(addressId);
    if (!removed.isDefault) return;
    const successor = successorDefault(await listAddresses(trx, userId));
    if (successor !== undefined) await makeDefaultAddress(trx, userId, successor);
  });
}

async function lockOrThrow(trx: Kysely<IdentityDatabase>, userId: string): Promise<void> {
  if (!(await lockAddressBook(trx, userId))) throw UserNotFound('Your account no longer exists');
}

function addressNotFound(addressId: string) {
  return AddressNotFound(`You have no address ${addressId}`);
}
