import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { type IdentityUnderTest, registerCustomer, startIdentity } from './support/start-identity.ts';

describe('preferences', () => {
  let identity: IdentityUnderTest;
  before(async () => {
    identity = await startIdentity();
  });
  after(() => identity.close());

  it('has sane defaults until the user saves their own', async () => {
    const { accessToken: token } = await registerCustomer(identity.api);
    const response = await identity.api('GET', '/me/preferences', undefined, { token });
    assert.equal(response.status, 200);
    assert.deepEqual(await bodyOf(response), {
      locale: 'en',
      currency: 'EUR',
      marketingEmails: false,
      channels: { email: true, sms: false, push: false },
    });
  });

  it('replaces and keeps preferences, per user', async () => {
    const ann = await registerCustomer(identity.api);
    const bob = await registerCustomer(identity.api);
    const chosen = {
      locale: 'de-CH',
      currency: 'CHF',
      marketingEmails: true,
      channels: { email: false, sms: true, push: true },
    };
    for (const preferences of [{ ...chosen, locale: 'fr' }, chosen]) {
      const saved = await identity.api('PUT', '/me/preferences', preferences, { token: ann.accessToken });
      assert.equal(saved.status, 200);
      assert.deepEqual(await bodyOf(saved), preferences);
    }
    const read = await identity.api('GET', '/me/preferences', undefined, { token: ann.accessToken });
    assert.deepEqual(await bodyOf(read), chosen);
    const others = await bodyOf<{ locale: string }>(
      await identity.api('GET', '/me/preferences', undefined, { token: bob.accessToken }),
    );
    assert.equal(others.locale, 'en', "Bob's preferences are his own");
  });

  it('accepts BCP 47 locales and ISO 4217 currencies, and nothing else', async () => {
    const { accessToken: token } = await registerCustomer(identity.api);
    const base = {
      locale: 'en',
      currency: 'EUR',
      marketingEmails: false,
      channels: { email: true, sms: false, push: false },
    };
    for (const locale of ['en', 'de', 'fr', 'en-GB', 'zh-Hans-CN', 'es-419']) {
      const response = await identity.api('PUT', '/me/preferences', { ...base, locale }, { token });
      assert.equal(response.status, 200, locale);
    }
    const refused: unknown[] = [
      { ...base, locale: 'english' },
      { ...base, locale: 'EN' },
      { ...base, locale: 'en_GB' },
      { ...base, currency: 'eur' },
      { ...base, currency: 'EURO' },
      { ...base, marketingEmails: 'yes' },
      { ...base, channels: { email: true, sms: false } },
      { ...base, channels: { email: true, sms: false, push: false, pigeon: true } },
      { ...base, theme: 'dark' },
      { locale: 'en' },
    ];
    for (const body of refused) {
      const response = await identity.api('PUT', '/me/preferences', body, { token });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED');
    }
    const kept = await bodyOf<{ locale: string }>(
      await identity.api('GET', '/me/preferences', undefined, { token }),
    );
    assert.equal(kept.locale, 'es-419', 'refused updates changed nothing');
  });
});
