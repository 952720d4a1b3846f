/**
 * Rules of a user's address book: a bounded number of addresses, and exactly one default
 * as soon as there is any address (checkout preselects it).
 */

export const ADDRESS_BOOK_LIMIT = 20;

export function isAddressBookFull(count: number): boolean {
  return count >= ADDRESS_BOOK_LIMIT;
}

/** Whether a new address becomes the default: when asked to, or when it is the first one. */
export function isDefaultOnCreate(existingCount: number, requested: boolean | undefined): boolean {
  return existingCount === 0 || requested === true;
}

/**
 * The default flag an address has after an update; `requested` undefined keeps it. Throws
 * nothing: returns 'refused' when the update would leave the book without a default.
 */
export function defaultAfterUpdate(
  isDefaultNow: boolean,
  requested: boolean | undefined,
): boolean | 'refused' {
  if (requested === undefined) return isDefaultNow;
  if (isDefaultNow && !requested) return 'refused';
  return requested;
}

export interface AddressAge {
  id: string;
  createdAt: Date;
}

/** When the default address is deleted, the most recently added remaining one takes over. */
export function successorDefault(remaining: readonly AddressAge[]): string | undefined {
  let newest: AddressAge | undefined;
  for (const address of remaining) {
    if (
      newest === undefined ||
      address.createdAt.getTime() > newest.createdAt.getTime() ||
      (address.createdAt.getTime() === newest.createdAt.getTime() && address.id > newest.id)
    ) {
      newest = address;
    }
  }
  return newest?.id;
}
