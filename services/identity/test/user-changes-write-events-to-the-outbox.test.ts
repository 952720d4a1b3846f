import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserPreferencesChanged, UserRegistered, UserUpdated } from '@emporium/contracts';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { dataOf, eventsAbout, outboxEvents } from './support/outbox-events.ts';
import {
  GOOD_PASSWORD,
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
  uniqueEmail,
} from './support/start-identity.ts';

const ADMIN_EMAIL = 'events-owner@shop.example';
const ADMIN_PASSWORD = 'the owner 1s here';

// No bus is configured here, so every event stays in the outbox where the test can read it.
describe('user events in the outbox', () => {
  let identity: IdentityUnderTest;
  let admin: SessionBody;
  before(async () => {
    identity = await startIdentity({ ADMIN_EMAIL, ADMIN_PASSWORD });
    const login = await identity.api('POST', '/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    admin = await bodyOf<SessionBody>(login);
  });
  after(() => identity.close());

  const eventsOf = (userId: string) => eventsAbout(identity.service.database.db, userId);

  it('writes exactly one UserRegistered when a shopper registers, as a CloudEvent its contract accepts', async () => {
    const email = uniqueEmail('registered');
    const session = await registerCustomer(identity.api, { email: email.toUpperCase(), name: 'Reg Istered' });
    const events = await eventsOf(session.user.id);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject, session.user.id);
    assert.deepEqual(dataOf(UserRegistered, events[0]), {
      userId: session.user.id,
      email,
      name: 'Reg Istered',
      registeredAt: session.user.createdAt,
    });
  });

  it('writes no event for a refused registration', async () => {
    const email = uniqueEmail('taken');
    await registerCustomer(identity.api, { email });
    const before = (await outboxEvents(identity.service.database.db)).length;
    const refused = await identity.api('POST', '/auth/register', {
      email,
      password: GOOD_PASSWORD,
      name: 'Copycat',
    });
    assert.equal(refused.status, 409);
    assert.equal((await problemOf(refused)).code, 'EMAIL_TAKEN');
    const weak = await identity.api('POST', '/auth/register', {
      email: uniqueEmail('weak'),
      password: 'short',
      name: 'Weak',
    });
    assert.equal(weak.status, 400);
    assert.equal((await outboxEvents(identity.service.database.db)).length, before);
  });

  it('writes one UserUpdated with the state after a name change, and none when nothing it carries changed', async () => {
    const session = await registerCustomer(identity.api, { name: 'Old Name' });
    const token = { token: session.accessToken };
    const renamed = await identity.api('PATCH', '/me', { name: 'New Name' }, token);
    assert.equal(renamed.status, 200);

    const [, updated] = await eventsOf(session.user.id);
    const { updatedAt, ...state } = dataOf(UserUpdated, updated);
    assert.deepEqual(state, {
      userId: session.user.id,
      email: session.user.email,
      name: 'New Name',
      roles: ['customer'],
    });
    assert.ok(Date.parse(updatedAt) >= Date.parse(session.user.createdAt));

    assert.equal((await identity.api('PATCH', '/me', { name: 'New Name' }, token)).status, 200);
    const newPassword = `${GOOD_PASSWORD} 2`;
    const changed = await identity.api(
      'POST',
      '/me/password',
      { currentPassword: GOOD_PASSWORD, newPassword },
      token,
    );
    assert.equal(changed.status, 204);
    assert.deepEqual(
      (await eventsOf(session.user.id)).map((event) => event.type),
      [UserRegistered.type, UserUpdated.type],
    );
  });

  it('writes UserPreferencesChanged with the saved preferences, and nothing for refused ones', async () => {
    const session = await registerCustomer(identity.api, { name: 'Pref Erences' });
    const token = { token: session.accessToken };
    const preferences = {
      locale: 'de-CH',
      currency: 'CHF',
      marketingEmails: false,
      channels: { email: false, sms: true, push: false },
    };
    assert.equal((await identity.api('PUT', '/me/preferences', preferences, token)).status, 200);
    const refused = await identity.api(
      'PUT',
      '/me/preferences',
      { ...preferences, currency: 'francs' },
      token,
    );
    assert.equal(refused.status, 400);

    const events = await eventsOf(session.user.id);
    assert.deepEqual(
      events.map((event) => event.type),
      [UserRegistered.type, UserPreferencesChanged.type],
    );
    const { changedAt, ...saved } = dataOf(UserPreferencesChanged, events[1]);
    assert.deepEqual(saved, { userId: session.user.id, ...preferences });
    assert.ok(Date.parse(changedAt) >= Date.parse(session.user.createdAt));
  });

  it('writes UserUpdated for a new email, and nothing when the email is taken', async () => {
    const other = await registerCustomer(identity.api);
    const session = await registerCustomer(identity.api);
    const token = { token: session.accessToken };
    const taken = await identity.api('PATCH', '/me', { email: other.user.email }, token);
    assert.equal(taken.status, 409);
    assert.equal((await eventsOf(session.user.id)).length, 1, 'only UserRegistered');

    const email = uniqueEmail('moved');
    assert.equal(
      (await identity.api('PATCH', '/me', { email: ` ${email.toUpperCase()}` }, token)).status,
      200,
    );
    const events = await eventsOf(session.user.id);
    assert.equal(events.length, 2);
    assert.equal(dataOf(UserUpdated, events[1]).email, email);
  });

  it('writes UserUpdated when an admin changes roles, and nothing for the roles a user already has', async () => {
    const customer = await registerCustomer(identity.api);
    const path = `/users/${customer.user.id}/roles`;
    const asAdmin = { token: admin.accessToken };
    assert.equal((await identity.api('PUT', path, { roles: ['customer'] }, asAdmin)).status, 200);
    assert.equal((await eventsOf(customer.user.id)).length, 1, 'roles unchanged: only UserRegistered');

    assert.equal((await identity.api('PUT', path, { roles: ['admin'] }, asAdmin)).status, 200);
    const refusedSelfDemotion = await identity.api(
      'PUT',
      `/users/${admin.user.id}/roles`,
      { roles: [] },
      asAdmin,
    );
    assert.equal(refusedSelfDemotion.status, 409);

    const events = await eventsOf(customer.user.id);
    assert.equal(events.length, 2);
    assert.deepEqual(dataOf(UserUpdated, events[1]).roles, ['customer', 'admin']);
    assert.deepEqual(
      (await eventsOf(admin.user.id)).map((event) => event.type),
      [UserRegistered.type],
      'the refused change wrote nothing',
    );
  });

  it('announces the configured first admin with UserRegistered', async () => {
    const [registered] = await eventsOf(admin.user.id);
    assert.deepEqual(dataOf(UserRegistered, registered), {
      userId: admin.user.id,
      email: ADMIN_EMAIL,
      name: 'Administrator',
      registeredAt: admin.user.createdAt,
    });
  });
});
