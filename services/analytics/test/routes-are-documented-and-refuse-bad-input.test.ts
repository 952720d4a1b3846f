/**
 * The REST surface: every report and admin route documented and for admins only, and bad
 * queries answered 4xx with a clear problem, never 5xx.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertRoutesDocumented, jsonClient, problemOf } from '@emporium/platform/testing';
import {
  startAnalytics,
  startTestPlatform,
  type TestAnalytics,
  type TestPlatform,
} from './fixtures/start-analytics.ts';

const REPORTS = [
  '/reports/revenue',
  '/reports/orders-by-status',
  '/reports/top-products',
  '/reports/top-categories',
  '/reports/funnel',
  '/reports/sagas',
  '/reports/notifications',
];

describe('the analytics REST API', () => {
  let platform: TestPlatform;
  let analytics: TestAnalytics;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;

  before(async () => {
    platform = await startTestPlatform();
    analytics = await startAnalytics(platform);
    api = jsonClient(analytics.service.url);
    admin = await platform.issuer.token({ roles: ['admin'] });
  });
  after(async () => {
    await analytics?.close();
    await platform?.close();
  });

  it('documents every route as needing a token', async () => {
    await assertRoutesDocumented(
      analytics.service.url,
      [
        ...REPORTS.map((path) => `get ${path}`),
        'get /admin/facts',
        'post /admin/rebuild',
        'get /admin/dead-letters',
      ],
      { needsToken: () => true },
    );
  });

  it('answers reports to admins only', async () => {
    const customer = await platform.issuer.token({ roles: ['customer'] });
    for (const path of [...REPORTS, '/admin/facts']) {
      assert.equal((await api('GET', path)).status, 401, path);
      assert.equal((await api('GET', path, undefined, { token: customer })).status, 403, path);
    }
    assert.equal((await api('POST', '/admin/rebuild', undefined, { token: customer })).status, 403);
  });

  it('answers empty reports before any event', async () => {
    assert.deepEqual(await analytics.get('/reports/revenue'), { days: [] });
    assert.deepEqual(await analytics.get('/reports/top-products'), { products: [] });
    const funnel = await analytics.get<{ stages: Array<{ orders: number; fromCheckout: number | null }> }>(
      '/reports/funnel',
    );
    assert.ok(funnel.stages.every((stage) => stage.orders === 0 && stage.fromCheckout === null));
  });

  it('refuses bad queries with 400 naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/reports/revenue?from=yesterday', /from/],
      ['/reports/revenue?to=2026-13-01', /to/],
      ['/reports/revenue?from=2026-03-01&color=red', /color/],
      ['/reports/top-products?limit=0', /limit/],
      ['/reports/top-products?limit=101', /limit/],
      ['/reports/top-categories?limit=-1', /limit/],
      ['/admin/facts?after=-5', /after/],
      ['/admin/facts?after=1e9', /after/],
      ['/admin/facts?limit=501', /limit/],
      [`/admin/facts?type=${'x'.repeat(201)}`, /type/],
    ];
    for (const [path, field] of cases) {
      const response = await api('GET', path, undefined, { token: admin });
      assert.equal(response.status, 400, `${path}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', path);
      assert.match(problem.detail, field, path);
    }
    const backwards = await api('GET', '/reports/revenue?from=2026-03-02&to=2026-03-01', undefined, {
      token: admin,
    });
    assert.equal(backwards.status, 400);
    assert.equal((await problemOf(backwards)).code, 'INVALID_PERIOD');
  });

  it('refuses a second rebuild while one runs', async () => {
    // Another instance's rebuild, as far as the lock can tell: its advisory lock, held by a
    // connection of the service's own pool (a session lock lives on the connection that took it).
    const holder = await analytics.service.database.pool.connect();
    try {
      await holder.query(`select pg_advisory_lock(hashtext('analytics.rebuild'))`);
      const response = await api('POST', '/admin/rebuild', undefined, { token: admin });
      assert.equal(response.status, 409);
      assert.equal((await problemOf(response)).code, 'REBUILD_RUNNING');
      await holder.query(`select pg_advisory_unlock(hashtext('analytics.rebuild'))`);
    } finally {
      holder.release();
    }
    const rebuilt = await api('POST', '/admin/rebuild', undefined, { token: admin });
    assert.equal(rebuilt.status, 200);
  });
});
