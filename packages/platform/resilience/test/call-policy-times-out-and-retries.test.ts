import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '@emporium/platform/metrics';
import { type CallPolicySettings, CallTimeoutError, createResilience } from '@emporium/platform/resilience';

const quick: Partial<CallPolicySettings> = {
  timeoutMs: 50,
  retry: { maxAttempts: 3, initialDelayMs: 40, maxDelayMs: 1000 },
};

class Unavailable extends Error {
  readonly code = 'UNAVAILABLE';
}
class NotFound extends Error {
  readonly code = 'NOT_FOUND';
}

const policyFor = (
  settings: Partial<CallPolicySettings> = quick,
  metrics = createMetrics({ service: 'orders' }),
) =>
  createResilience({
    metrics,
    settingsFor: () => settings,
    isFailure: (error) => !(error instanceof NotFound),
    isRetryable: (error) => error instanceof Unavailable,
  }).policyFor('catalog');

/** Resolves never by itself: settles only when the attempt's signal aborts. */
const hang = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('a call policy', () => {
  it('times an attempt out, aborting the signal the attempt was given', async () => {
    let given: AbortSignal | undefined;
    const started = Date.now();
    const error = await policyFor()
      .execute(
        ({ signal }) => {
          given = signal;
          return hang(signal);
        },
        { idempotent: false },
      )
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof CallTimeoutError);
    assert.equal(error.message, 'catalog did not answer within 50 ms');
    assert.equal(error.target, 'catalog');
    assert.equal(given?.aborted, true);
    assert.ok(Date.now() - started < 500);
  });

  it('retries an idempotent call after retryable failures, with exponential backoff', async () => {
    const startedAt: number[] = [];
    const result = await policyFor().execute(
      async ({ attempt }) => {
        startedAt.push(performance.now());
        if (attempt < 3) throw new Unavailable('connection refused');
        return `answered on attempt ${attempt}`;
      },
      { idempotent: true },
    );
    assert.equal(result, 'answered on attempt 3');
    const [first = 0, second = 0, third = 0] = startedAt;
    // Half jitter: the first delay lies in [20, 40) ms, the second in [40, 80).
    assert.ok(second - first >= 19, `first delay ${second - first} ms`);
    assert.ok(third - second >= 39, `second delay ${third - second} ms`);
  });

  it('retries an attempt that timed out, and counts the timeout and the retry', async () => {
    const metrics = createMetrics({ service: 'orders' });
    const result = await policyFor(quick, metrics).execute(
      async ({ signal, attempt }) => (attempt === 1 ? hang(signal) : 'second time lucky'),
      { idempotent: true },
    );
    assert.equal(result, 'second time lucky');
    const text = await metrics.registry.metrics();
    assert.match(text, /^emporium_rpc_timeouts_total\{target="catalog"[^}]*\} 1$/m);
    assert.match(text, /^emporium_rpc_retries_total\{target="catalog"[^}]*\} 1$/m);
  });

  it('gives up after maxAttempts, with the last failure', async () => {
    let attempts = 0;
    const failures = [new Unavailable('one'), new Unavailable('two'), new Unavailable('three')];
    await assert.rejects(
      policyFor().execute(
        async () => {
          throw failures[attempts++];
        },
        { idempotent: true },
      ),
      (error) => error === failures[2],
    );
    assert.equal(attempts, 3);
  });

  it('never retries a call that is not idempotent', async () => {
    let attempts = 0;
    const failure = new Unavailable('connection reset');
    await assert.rejects(
      policyFor().execute(
        async () => {
          attempts++;
          throw failure;
        },
        { idempotent: false },
      ),
      (error) => error === failure,
    );
    assert.equal(attempts, 1);
  });

  it('does not retry a failure that is not retryable', async () => {
    let attempts = 0;
    await assert.rejects(
      policyFor().execute(
        async () => {
          attempts++;
          throw new Error('internal');
        },
        { idempotent: true },
      ),
      /internal/,
    );
    assert.equal(attempts, 1);
  });

  it('hands an error that is not a failure to the caller as it was thrown, without retrying', async () => {
    let attempts = 0;
    const notFound = new NotFound('product 7');
    await assert.rejects(
      policyFor().execute(
        async () => {
          attempts++;
          throw notFound;
        },
        { idempotent: true },
      ),
      (error) => error === notFound,
    );
    assert.equal(attempts, 1);
  });

  it('starts no retry whose backoff would end after the deadline, and gives up at once', async () => {
    const policy = policyFor({ ...quick, retry: { maxAttempts: 5, initialDelayMs: 400, maxDelayMs: 1000 } });
    let attempts = 0;
    const failure = new Unavailable('connection refused');
    const started = Date.now();
    await assert.rejects(
      policy.execute(
        async () => {
          attempts++;
          throw failure;
        },
        { idempotent: true, deadline: Date.now() + 150 },
      ),
      (error) => error === failure,
    );
    assert.equal(attempts, 1, 'the first delay (200-400 ms) would end past the deadline');
    assert.ok(Date.now() - started < 100, 'the caller is not kept waiting for nothing');
  });

  it('cuts an attempt at the caller deadline when that comes before the timeout', async () => {
    const policy = policyFor({ ...quick, timeoutMs: 5000 });
    let given: AbortSignal | undefined;
    const started = Date.now();
    const error = await policy
      .execute(
        ({ signal }) => {
          given = signal;
          return hang(signal);
        },
        { idempotent: true, deadline: Date.now() + 80 },
      )
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof CallTimeoutError);
    assert.equal(error.limit, 'deadline');
    assert.match(error.message, /^catalog did not answer before the caller's deadline/);
    assert.equal(given?.aborted, true);
    assert.ok(Date.now() - started < 1000);
  });

  it('refuses a call whose deadline has already passed, without calling the target', async () => {
    let attempts = 0;
    const error = await policyFor()
      .execute(async () => attempts++, { idempotent: true, deadline: Date.now() - 1 })
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof CallTimeoutError);
    assert.equal(attempts, 0);
  });

  it("lets the caller's abort win over retries: its reason, promptly, and no attempt after it", async () => {
    const policy = policyFor({
      ...quick,
      retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 1000 },
      bulkhead: { limit: 1, queue: 1 },
    });
    const caller = new AbortController();
    const reason = new Error('the shopper closed the page');
    let attempts = 0;
    const started = Date.now();
    await assert.rejects(
      policy.execute(
        async () => {
          attempts++;
          // Aborted while the retry waits out its 100-200 ms backoff.
          setTimeout(() => caller.abort(reason), 10);
          throw new Unavailable('connection refused');
        },
        { idempotent: true, signal: caller.signal },
      ),
      (error) => error === reason,
    );
    assert.ok(Date.now() - started < 90, 'the caller does not wait for the backoff to end');
    // With one bulkhead slot, the next call runs only once the abandoned one has let go of it.
    assert.equal(await policy.execute(async () => 'next', { idempotent: false }), 'next');
    assert.equal(attempts, 1);
  });

  it("reports the caller's abort, not a timeout, when the caller aborts during an attempt", async () => {
    const caller = new AbortController();
    const call = policyFor({ ...quick, timeoutMs: 5000 }).execute(
      ({ signal }) => {
        setTimeout(() => caller.abort(), 10);
        return hang(signal);
      },
      { idempotent: true, signal: caller.signal },
    );
    await assert.rejects(call, { name: 'AbortError' });
  });

  it("aborts an attempt's signal once it returned, unless told not to (nothing of the attempt outlives it)", async () => {
    const signalAfter = async (abortAttemptsOnReturn: boolean | undefined) => {
      let given: AbortSignal | undefined;
      await createResilience({ abortAttemptsOnReturn })
        .policyFor('catalog')
        .execute(
          async ({ signal }) => {
            given = signal;
          },
          { idempotent: true },
        );
      return given?.aborted;
    };
    assert.equal(await signalAfter(undefined), true);
    assert.equal(await signalAfter(false), false);
  });
});
