import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Address } from '@emporium/contracts';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { type IdentityUnderTest, registerCustomer, startIdentity } from './support/start-identity.ts';

interface SavedAddress extends Address {
  id: string;
  isDefault: boolean;
}

const home: Address = {
  name: 'Ann Lee',
  line1: 'Hauptstraße 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const office: Address = {
  name: 'Ann Lee, Acme GmbH',
  line1: 'Rue de Rivoli 10',
  line2: '3e étage',
  city: 'Paris',
  region: 'Île-de-France',
  postalCode: '75001',
  country: 'FR',
  phone: '+33 1 23 45 67 89',
};

describe('addresses', () => {
  let identity: IdentityUnderTest;
  before(async () => {
    identity = await startIdentity();
  });
  after(() => identity.close());

  async function customer() {
    const session = await registerCustomer(identity.api);
    const call = (method: string, path: string, body?: unknown) =>
      identity.api(method, path, body, { token: session.accessToken });
    const list = async () =>
      (await bodyOf<{ addresses: SavedAddress[] }>(await call('GET', '/me/addresses'))).addresses;
    const add = async (address: Address & { isDefault?: boolean }) => {
      const response = await call('POST', '/me/addresses', address);
      assert.equal(response.status, 201, await response.clone().text());
      return bodyOf<SavedAddress>(response);
    };
    return { session, call, list, add };
  }

  it('starts empty, and the first address becomes the default', async () => {
    const ann = await customer();
    assert.deepEqual(await ann.list(), []);
    const saved = await ann.add(home);
    assert.match(saved.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(saved, { id: saved.id, ...home, isDefault: true });
    assert.deepEqual(await ann.list(), [saved]);
  });

  it('keeps exactly one default as addresses are added, changed and deleted', async () => {
    const ann = await customer();
    const first = await ann.add(home);
    const second = await ann.add(office);
    assert.equal(second.isDefault, false);
    const third = await ann.add({ ...home, line1: 'Nebenstraße 2', isDefault: true });
    assert.equal(third.isDefault, true);
    const defaults = async () => (await ann.list()).filter((address) => address.isDefault).map((a) => a.id);
    assert.deepEqual(await defaults(), [third.id]);

    const switched = await ann.call('PUT', `/me/addresses/${second.id}`, { ...office, isDefault: true });
    assert.equal(switched.status, 200);
    assert.deepEqual(await defaults(), [second.id]);

    const unset = await ann.call('PUT', `/me/addresses/${second.id}`, { ...office, isDefault: false });
    assert.equal(unset.status, 409);
    assert.equal((await problemOf(unset)).code, 'DEFAULT_ADDRESS_REQUIRED');
    assert.deepEqual(await defaults(), [second.id]);

    // Deleting the default hands it to the newest remaining address.
    assert.equal((await ann.call('DELETE', `/me/addresses/${second.id}`)).status, 204);
    assert.deepEqual(await defaults(), [third.id]);
    assert.equal((await ann.call('DELETE', `/me/addresses/${third.id}`)).status, 204);
    assert.deepEqual(await defaults(), [first.id]);
    assert.equal((await ann.call('DELETE', `/me/addresses/${first.id}`)).status, 204);
    assert.deepEqual(await ann.list(), []);
  });

  it('replaces an address, keeping its default flag when none is sent', async () => {
    const ann = await customer();
    const saved = await ann.add(office);
    const response = await ann.call('PUT', `/me/addresses/${saved.id}`, home);
    assert.equal(response.status, 200);
    assert.deepEqual(await bodyOf<SavedAddress>(response), { id: saved.id, ...home, isDefault: true });
    assert.deepEqual(await ann.list(), [{ id: saved.id, ...home, isDefault: true }]);
  });

  it("never shows or changes another user's addresses", async () => {
    const ann = await customer();
    const bob = await customer();
    const annsHome = await ann.add(home);

    assert.deepEqual(await bob.list(), []);
    const attempts: Array<[string, unknown]> = [
      ['PUT', { ...office, isDefault: true }],
      ['DELETE', undefined],
    ];
    for (const [method, body] of attempts) {
      const response = await bob.call(method, `/me/addresses/${annsHome.id}`, body);
      assert.equal(response.status, 404, method);
      assert.equal((await problemOf(response)).code, 'ADDRESS_NOT_FOUND');
    }
    assert.deepEqual(await ann.list(), [annsHome], "Ann's address is untouched");
  });

  it('says ADDRESS_NOT_FOUND for unknown ids and refuses malformed ones', async () => {
    const ann = await customer();
    const unknown = await ann.call('DELETE', '/me/addresses/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal((await problemOf(unknown)).code, 'ADDRESS_NOT_FOUND');
    const malformed = await ann.call('PUT', "/me/addresses/1'%20or%20'1'='1", home);
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed)).code, 'VALIDATION_FAILED');
  });

  it('holds at most 20 addresses, even when they arrive at once', async () => {
    const ann = await customer();
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        ann.call('POST', '/me/addresses', { ...home, line1: `Straße ${index}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 201).length, 20);
    assert.equal(statuses.filter((status) => status === 409).length, 4);
    const refused = responses.find((response) => response.status === 409);
    assert.equal(refused && (await problemOf(refused)).code, 'ADDRESS_LIMIT_REACHED');
    const addresses = await ann.list();
    assert.equal(addresses.length, 20);
    assert.equal(addresses.filter((address) => address.isDefault).length, 1);
  });

  it('refuses addresses that break the shared Address contract', async () => {
    const ann = await customer();
    const invalid: Array<[string, unknown]> = [
      ['lower-case country', { ...home, country: 'de' }],
      ['missing city', { name: home.name, line1: home.line1, postalCode: home.postalCode, country: 'DE' }],
      ['unknown field', { ...home, floor: 3 }],
      ['bad postal code', { ...home, postalCode: '<b>1</b>' }],
      ['bad phone', { ...home, phone: 'call me maybe' }],
      ['isDefault as a string', { ...home, isDefault: 'yes' }],
      ['empty name', { ...home, name: '' }],
    ];
    for (const [what, body] of invalid) {
      const response = await ann.call('POST', '/me/addresses', body);
      assert.equal(response.status, 400, what);
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED', what);
    }
    assert.deepEqual(await ann.list(), [], 'nothing was stored');
  });

  it('needs a token', async () => {
    const response = await identity.api('GET', '/me/addresses');
    assert.equal(response.status, 401);
  });
});
