import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ADDRESS_BOOK_LIMIT,
  defaultAfterUpdate,
  isAddressBookFull,
  isDefaultOnCreate,
  successorDefault,
} from '../src/domain/address-book.ts';

describe('address book rules', () => {
  it('holds at most 20 addresses', () => {
    assert.equal(ADDRESS_BOOK_LIMIT, 20);
    assert.equal(isAddressBookFull(19), false);
    assert.equal(isAddressBookFull(20), true);
  });

  it('makes the first address the default, and later ones only when asked', () => {
    assert.equal(isDefaultOnCreate(0, undefined), true);
    assert.equal(isDefaultOnCreate(0, false), true);
    assert.equal(isDefaultOnCreate(3, undefined), false);
    assert.equal(isDefaultOnCreate(3, true), true);
  });

  it('keeps the default flag unless told, and never unsets the only default', () => {
    assert.equal(defaultAfterUpdate(true, undefined), true);
    assert.equal(defaultAfterUpdate(false, undefined), false);
    assert.equal(defaultAfterUpdate(false, true), true);
    assert.equal(defaultAfterUpdate(true, true), true);
    assert.equal(defaultAfterUpdate(false, false), false);
    assert.equal(defaultAfterUpdate(true, false), 'refused');
  });

  it('hands the default to the newest remaining address', () => {
    const at = (iso: string) => new Date(iso);
    assert.equal(successorDefault([]), undefined);
    assert.equal(
      successorDefault([
        { id: 'a', createdAt: at('2030-01-01') },
        { id: 'c', createdAt: at('2030-03-01') },
        { id: 'b', createdAt: at('2030-02-01') },
      ]),
      'c',
    );
    // Same instant: the larger id wins, so the choice is deterministic.
    assert.equal(
      successorDefault([
        { id: 'a', createdAt: at('2030-01-01') },
        { id: 'b', createdAt: at('2030-01-01') },
      ]),
      'b',
    );
  });
});
