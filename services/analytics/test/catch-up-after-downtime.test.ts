/**
 * Analytics stopped while the shop goes on: the bus keeps its group's events, and on restart
 * the fact store catches up with every event once, so the reports are as if it never stopped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { shopHistory } from './fixtures/shop-history.ts';
import { startAnalytics, startTestPlatform, type TestPlatform } from './fixtures/start-analytics.ts';

describe('analytics down while the shop goes on', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform();
  });
  after(() => platform?.close());

  it('catches up on restart with every event counted once', async (t) => {
    const history = shopHistory();
    const half = Math.floor(history.events.length / 2);
    const first = await startAnalytics(platform);
    const database = first.database;
    t.after(() => database.drop());
    await platform.publish(...history.events.slice(0, half));
    await first.waitForFacts(half);
    await first.stop();

    // While it is down: the rest of the history, and the first half again (redelivered).
    await platform.publish(...history.events.slice(half), ...history.events.slice(0, half));

    const second = await startAnalytics(platform, { database });
    t.after(() => second.stop());
    await second.waitForFacts(history.events.length);
    const sagas = await second.get<{ checkouts: number; completed: number; compensated: number }>(
      '/reports/sagas',
    );
    assert.deepEqual(
      { checkouts: sagas.checkouts, completed: sagas.completed, compensated: sagas.compensated },
      { checkouts: 6, completed: 3, compensated: 2 },
    );
    const revenue = await second.get<{ days: Array<{ capturedMinor: number }> }>('/reports/revenue');
    assert.equal(
      revenue.days.reduce((sum, day) => sum + day.capturedMinor, 0),
      17_210 + 3_300,
      'every capture once, EUR and USD together',
    );
  });
});
