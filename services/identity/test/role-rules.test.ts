import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NEW_USER_ROLES, normaliseRoles, roleChangeRefusal } from '../src/domain/roles.ts';

describe('role rules', () => {
  it('makes every new user a customer only', () => {
    assert.deepEqual(NEW_USER_ROLES, ['customer']);
  });

  it('always keeps customer, drops duplicates and orders roles', () => {
    assert.deepEqual(normaliseRoles([]), ['customer']);
    assert.deepEqual(normaliseRoles(['admin']), ['customer', 'admin']);
    assert.deepEqual(normaliseRoles(['admin', 'customer', 'admin']), ['customer', 'admin']);
  });

  it('lets an admin change anyone else, and keep their own admin role', () => {
    assert.equal(roleChangeRefusal('me', 'you', ['customer']), undefined);
    assert.equal(roleChangeRefusal('me', 'you', ['customer', 'admin']), undefined);
    assert.equal(roleChangeRefusal('me', 'me', ['customer', 'admin']), undefined);
  });

  it('refuses an admin taking the admin role from themselves', () => {
    assert.match(
      roleChangeRefusal('me', 'me', ['customer']) ?? '',
      /cannot take the admin role from yourself/,
    );
  });
});
