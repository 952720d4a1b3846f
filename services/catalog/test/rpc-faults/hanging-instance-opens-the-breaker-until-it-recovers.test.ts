import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPostgresRegistry } from '@emporium/platform/discovery';
import { Code } from '@emporium/platform/rpc';
import { waitFor } from '@emporium/platform/testing';
import { seedCatalogue } from '../../src/store/seed/seed-catalogue.ts';
import {
  type CallOutcome,
  type CatalogCaller,
  type CatalogFleet,
  type CatalogProcess,
  connectCaller,
  settleWithin,
  startCatalogFleet,
} from './catalog-fleet.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

/** Longer than the instance stays stopped: a stopped process misses its heartbeats too. */
const TTL_MS = 10_000;
const TIMEOUT_MS = 300;
const FAILURES_TO_OPEN = 3;
const HALF_OPEN_AFTER_MS = 1_000;
/** What a loaded machine may add to a timer; a call past its timeout by more has hung. */
const SLACK_MS = 400;
const SKU = seedCatalogue().products[0]?.sku ?? 'MISSING';

describe('a catalog instance that hangs (SIGSTOP) and later recovers (SIGCONT)', () => {
  let fleet: CatalogFleet;
  let caller: CatalogCaller;
  let instance: CatalogProcess;
  let openedAt = 0;

  const call = (): Promise<CallOutcome> =>
    settleWithin(TIMEOUT_MS + SLACK_MS, () => caller.products.getProducts({ skus: [SKU] }));
  const breaker = () => caller.resilience.snapshot().find(({ target }) => target === 'catalog')?.breaker;
  const describeOutcome = (outcome: CallOutcome) =>
    `${JSON.stringify(outcome)}; breaker ${breaker()}\nthe process wrote:\n${fleet.output()}`;
  const isRefusal = (outcome: CallOutcome) =>
    !outcome.ok && outcome.code === Code.Unavailable && /circuit breaker is open/.test(outcome.message);

  before(async () => {
    fleet = await startCatalogFleet({ size: 1, ttlMs: TTL_MS });
    instance = fleet.instances[0] as CatalogProcess;
    const registry = createPostgresRegistry({ url: fleet.registryUrl, settings: { ttlMs: TTL_MS } });
    caller = connectCaller(registry, {
      // One attempt per call, so each failure is one timeout and the breaker counts calls.
      policy: {
        timeoutMs: TIMEOUT_MS,
        retry: { maxAttempts: 1 },
        breaker: { consecutiveFailures: FAILURES_TO_OPEN, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      },
    });
    await waitFor(
      'the instance to be registered',
      async () => (await registry.list('catalog')).length === 1,
      {
        timeoutMs: 30_000,
      },
    );
  });
  after(async () => {
    await caller?.close();
    await fleet?.stop();
  });

  it('answers while the instance runs, with the breaker closed', async () => {
    // The first call also connects, and a loaded machine may take longer than the timeout.
    await waitFor('a call to be answered', async () => (await call()).ok, { timeoutMs: 15_000 });
    const outcome = await call();
    assert.ok(outcome.ok, describeOutcome(outcome));
    assert.equal(breaker(), 'closed');
  });

  it('times each call out with DEADLINE_EXCEEDED once the instance hangs, and opens after the third', async () => {
    await instance.pause();
    for (let n = 1; n <= FAILURES_TO_OPEN; n++) {
      assert.equal(breaker(), 'closed', `the breaker stays closed for ${n - 1} failure(s)`);
      const outcome = await call();
      assert.ok(
        !outcome.ok && outcome.code === Code.DeadlineExceeded,
        `call ${n}: ${describeOutcome(outcome)}`,
      );
      assert.match(outcome.message, new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
      assert.ok(outcome.ms >= TIMEOUT_MS - 20, `call ${n} waited for its timeout: ${outcome.ms} ms`);
      assert.ok(outcome.ms < TIMEOUT_MS + SLACK_MS, `call ${n} ended at its timeout: ${outcome.ms} ms`);
    }
    openedAt = Date.now();
    assert.equal(breaker(), 'open');
  });

  it('refuses calls at once with UNAVAILABLE naming the open breaker, without trying the instance', async () => {
    const picksBefore = caller.picks.length;
    for (let n = 0; n < 3; n++) {
      const outcome = await call();
      assert.ok(isRefusal(outcome), describeOutcome(outcome));
      assert.ok(outcome.ms < TIMEOUT_MS, `refused without waiting for a timeout, in ${outcome.ms} ms`);
    }
    assert.equal(caller.picks.length, picksBefore, 'an open breaker picks no instance');
  });

  it('lets one trial call through after halfOpenAfterMs, and opens again when it too times out', async () => {
    const trial = await waitFor('the breaker to let a trial call through', async () => {
      const outcome = await call();
      return isRefusal(outcome) ? undefined : outcome;
    });
    assert.ok(
      Date.now() - openedAt >= HALF_OPEN_AFTER_MS - 50,
      'not before halfOpenAfterMs (give or take a timer tick)',
    );
    assert.ok(!trial.ok && trial.code === Code.DeadlineExceeded, describeOutcome(trial));
    openedAt = Date.now();
    assert.equal(breaker(), 'open');
    const next = await call();
    assert.ok(isRefusal(next), `one failed trial opens the breaker again: ${describeOutcome(next)}`);
  });

  it('closes the breaker when a trial call succeeds once the instance runs again', async () => {
    await instance.resume();
    const refused = await call();
    assert.ok(isRefusal(refused), `still open until halfOpenAfterMs: ${describeOutcome(refused)}`);
    // A process just woken has a backlog to clear: on a loaded machine its first trial may still
    // time out, and the breaker then waits another halfOpenAfterMs before the next.
    const meanwhile: CallOutcome[] = [];
    const answered = await waitFor(
      'a trial call to be answered',
      async () => {
        const outcome = await call();
        if (!outcome.ok) meanwhile.push(outcome);
        return outcome.ok && outcome;
      },
      { timeoutMs: 10 * HALF_OPEN_AFTER_MS },
    );
    const trialFailures = meanwhile.filter((outcome) => !isRefusal(outcome));
    assert.ok(
      trialFailures.every((outcome) => !outcome.ok && outcome.code === Code.DeadlineExceeded),
      `refused or timed out until then: ${JSON.stringify(trialFailures)}`,
    );
    assert.ok(
      answered.startedAt - openedAt >= HALF_OPEN_AFTER_MS - 50,
      'not before halfOpenAfterMs (give or take a timer tick)',
    );
    assert.equal(breaker(), 'closed');
    for (let n = 0; n < 5; n++) {
      const outcome = await call();
      assert.ok(outcome.ok, describeOutcome(outcome));
    }
  });

  it('left no promise rejection unhandled', () => {
    assert.deepEqual(unhandled, []);
  });
});
