/**
 * The REST surface: every route in the OpenAPI document (admin ones marked), tokens required
 * where they should be, and malformed or hostile input answered 4xx with a clear problem,
 * never 5xx.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { assertRoutesDocumented, jsonClient, problemOf } from '@emporium/platform/testing';
import {
  startNotifications,
  startTestPlatform,
  type TestNotifications,
  type TestPlatform,
} from './fixtures/start-notifications.ts';

describe('the notifications REST API', () => {
  let platform: TestPlatform;
  let notifications: TestNotifications;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;
  let customer: string;

  before(async () => {
    platform = await startTestPlatform();
    notifications = await startNotifications(platform);
    api = jsonClient(notifications.service.url);
    admin = await platform.issuer.token({ roles: ['admin'] });
    customer = await platform.issuer.token({ roles: ['customer'] });
  });
  after(async () => {
    await notifications?.close();
    await platform?.close();
  });

  it('documents every route, the admin and user ones with a bearer token', async () => {
    await assertRoutesDocumented(
      notifications.service.url,
      [
        'get /notifications',
        'get /admin/deliveries',
        'post /admin/deliveries/{id}/retry',
        'get /admin/mailbox',
        'get /admin/mailbox/{id}',
        'get /admin/mailbox/{id}/raw',
        'get /admin/dead-letters',
      ],
      { needsToken: () => true },
    );
  });

  it('asks for a token, and for the admin role on the operator routes', async () => {
    assert.equal((await api('GET', '/notifications')).status, 401);
    for (const path of ['/admin/deliveries', '/admin/mailbox', '/admin/mailbox/1']) {
      assert.equal((await api('GET', path)).status, 401, path);
      const forbidden = await api('GET', path, undefined, { token: customer });
      assert.equal(forbidden.status, 403, path);
    }
    const retry = await api('POST', `/admin/deliveries/${randomUUID()}/retry`, undefined, {
      token: customer,
    });
    assert.equal(retry.status, 403);
  });

  it('refuses bad queries and ids with 400 naming the field', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [customer, '/notifications?limit=0', /limit/],
      [customer, '/notifications?limit=101', /limit/],
      [customer, '/notifications?limit=ten', /limit/],
      [customer, '/notifications?color=blue', /color/],
      [admin, '/admin/deliveries?status=lost', /status/],
      [admin, `/admin/deliveries?userId=${'x'.repeat(101)}`, /userId/],
      [admin, '/admin/mailbox?to=not-an-address', /to/],
      [admin, '/admin/mailbox/abc', /id/],
      [admin, '/admin/mailbox/0', /id/],
      [admin, `/admin/mailbox/${'9'.repeat(30)}`, /id/],
    ];
    for (const [token, path, field] of cases) {
      const response = await api('GET', path, undefined, { token });
      assert.equal(response.status, 400, `${path}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', path);
      assert.match(problem.detail, field, path);
    }
    const badId = await api('POST', '/admin/deliveries/not-a-uuid/retry', undefined, { token: admin });
    assert.equal(badId.status, 400);
  });

  it('refuses forged cursors with INVALID_CURSOR, and unknown ids with 404', async () => {
    const forged = [
      'garbage',
      Buffer.from('["1","2"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('["0"]').toString('base64url'),
      Buffer.from('{"seq":"1"}').toString('base64url'),
      Buffer.from("'; drop table notifications; --").toString('base64url'),
    ];
    for (const cursor of forged) {
      const response = await api('GET', `/notifications?cursor=${cursor}`, undefined, { token: customer });
      assert.equal(response.status, 400, cursor);
      assert.equal((await problemOf(response)).code, 'INVALID_CURSOR', cursor);
    }
    const deliveries = await api(
      'GET',
      `/admin/deliveries?cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`,
      undefined,
      { token: admin },
    );
    assert.equal(deliveries.status, 400);
    assert.equal((await problemOf(deliveries)).code, 'INVALID_CURSOR');

    const missing = await api('POST', `/admin/deliveries/${randomUUID()}/retry`, undefined, { token: admin });
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'DELIVERY_NOT_FOUND');
    const noMail = await api('GET', '/admin/mailbox/12345', undefined, { token: admin });
    assert.equal(noMail.status, 404);
    assert.equal((await problemOf(noMail)).code, 'MAIL_NOT_FOUND');
  });

  it('answers an empty first page to a user with no notifications', async () => {
    const response = await api('GET', '/notifications', undefined, { token: customer });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { notifications: [], nextCursor: null });
  });
});
