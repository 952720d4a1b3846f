import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { createMetrics, type Metrics } from '@emporium/platform/metrics';
import { CircuitOpenError, createResilience } from '@emporium/platform/resilience';

class Unavailable extends Error {
  readonly code = 'UNAVAILABLE';
}
class NotFound extends Error {
  readonly code = 'NOT_FOUND';
}

// Long enough that a loaded CI machine cannot pass it between two assertions.
const HALF_OPEN_AFTER_MS = 1_000;
/** A timer may fire a millisecond before the breaker's clock says its delay has passed. */
const PAST_HALF_OPEN_MS = HALF_OPEN_AFTER_MS + 50;

function resilience(metrics?: Metrics) {
  return createResilience({
    metrics,
    settingsFor: () => ({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS } }),
    isFailure: (error) => !(error instanceof NotFound),
  });
}

const fail = (error: Error) => async () => {
  throw error;
};

/** The sample of `name` for target catalog in the registry's text, as Prometheus would scrape it. */
async function scraped(metrics: Metrics, name: string, labels = ''): Promise<number | undefined> {
  const line = (await metrics.registry.metrics())
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`target="catalog"${labels}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('the circuit breaker of a target', () => {
  it('opens after consecutive failures, refuses calls, then half-opens and closes on a success', async () => {
    const metrics = createMetrics({ service: 'orders' });
    const resilience$ = resilience(metrics);
    const policy = resilience$.policyFor('catalog');
    const state = () => resilience$.snapshot().find((target) => target.target === 'catalog')?.breaker;

    for (let i = 0; i < 3; i++) {
      await assert.rejects(policy.execute(fail(new Unavailable('down')), { idempotent: false }), /down/);
    }
    assert.equal(state(), 'open');
    assert.equal(await scraped(metrics, 'emporium_rpc_breaker_state'), 2);

    let called = false;
    const refusal = await policy
      .execute(
        async () => {
          called = true;
        },
        { idempotent: true },
      )
      .catch((thrown: unknown) => thrown);
    assert.ok(refusal instanceof CircuitOpenError);
    assert.equal(called, false, 'an open breaker does not call the target');
    assert.equal(
      refusal.message,
      'calls to catalog are refused: its circuit breaker is open after 3 consecutive failures',
    );
    assert.ok(refusal.retryAfterMs !== undefined && refusal.retryAfterMs <= HALF_OPEN_AFTER_MS);
    assert.equal(await scraped(metrics, 'emporium_rpc_rejections_total', ',reason="circuit_open"'), 1);

    // The behaviour under test is the passing of time: the breaker half-opens after it.
    await sleep(PAST_HALF_OPEN_MS);
    let duringTrial: string | undefined;
    let gaugeDuringTrial: number | undefined;
    const answer = await policy.execute(
      async () => {
        await setImmediate(); // the trial call is on the wire
        duringTrial = state();
        gaugeDuringTrial = await scraped(metrics, 'emporium_rpc_breaker_state');
        return 'back';
      },
      { idempotent: false },
    );
    assert.equal(answer, 'back');
    assert.equal(duringTrial, 'half-open');
    assert.equal(gaugeDuringTrial, 1);
    assert.equal(state(), 'closed');
    assert.equal(await scraped(metrics, 'emporium_rpc_breaker_state'), 0);
  });

  it('opens again when the trial call fails', async () => {
    const policy = resilience().policyFor('catalog');
    for (let i = 0; i < 3; i++) {
      await assert.rejects(policy.execute(fail(new Unavailable('down')), { idempotent: false }));
    }
    await sleep(PAST_HALF_OPEN_MS);
    await assert.rejects(
      policy.execute(fail(new Unavailable('still down')), { idempotent: false }),
      /still down/,
    );
    await assert.rejects(
      policy.execute(async () => 'never', { idempotent: false }),
      CircuitOpenError,
    );
  });

  it('is not tripped by errors that are not failures, which also break a run of failures', async () => {
    const resilience$ = resilience();
    const policy = resilience$.policyFor('catalog');
    const notFound = new NotFound('product 7');
    for (let i = 0; i < 10; i++) {
      await assert.rejects(
        policy.execute(fail(notFound), { idempotent: true }),
        (error) => error === notFound,
      );
    }
    for (const error of [new Unavailable('1'), new Unavailable('2'), notFound, new Unavailable('3')]) {
      await assert.rejects(policy.execute(fail(error), { idempotent: false }));
    }
    assert.equal(resilience$.snapshot()[0]?.breaker, 'closed');
    assert.equal(await policy.execute(async () => 'served', { idempotent: false }), 'served');
  });

  it('does not count calls the caller abandoned', async () => {
    const resilience$ = resilience();
    const policy = resilience$.policyFor('catalog');
    for (let i = 0; i < 5; i++) {
      const caller = new AbortController();
      const call = policy.execute(
        ({ signal }) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => reject(new Unavailable('cancelled')));
            caller.abort();
          }),
        { idempotent: true, signal: caller.signal },
      );
      await assert.rejects(call, { name: 'AbortError' });
    }
    assert.equal(resilience$.snapshot()[0]?.breaker, 'closed');
  });

  it('keeps one breaker per target, shared by every call to it', async () => {
    const resilience$ = resilience();
    assert.equal(resilience$.policyFor('catalog'), resilience$.policyFor('catalog'));
    for (let i = 0; i < 3; i++) {
      await assert.rejects(
        resilience$.policyFor('catalog').execute(fail(new Unavailable('down')), { idempotent: false }),
      );
    }
    assert.equal(
      await resilience$.policyFor('payments').execute(async () => 'ok', { idempotent: false }),
      'ok',
    );
    assert.deepEqual(
      resilience$.snapshot().map(({ target, breaker }) => [target, breaker]),
      [
        ['catalog', 'open'],
        ['payments', 'closed'],
      ],
    );
  });
});
