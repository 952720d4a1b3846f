import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCardFingerprints } from '../src/cards/card-fingerprint.ts';
import type { NetworkAuthorization } from '../src/network/card-network.ts';
import { createSimulatedCardNetwork } from '../src/network/simulated-card-network.ts';
import { TEST_CARDS } from '../src/network/test-cards.ts';

const fingerprints = createCardFingerprints('a-test-secret-of-enough-length');
const now = new Date('2026-05-10T12:00:00Z');

function request(number: string, expiry = { month: 12, year: 2030 }): NetworkAuthorization {
  return {
    fingerprint: fingerprints.ofNumber(number),
    brand: 'visa',
    last4: number.slice(-4),
    expiry,
    amount: { amountMinor: 1_000, currency: 'EUR' },
    reference: 'order-1',
  };
}

describe('the simulated card network', () => {
  const network = createSimulatedCardNetwork({
    latency: { minMs: 20, maxMs: 40 },
    fingerprintOf: fingerprints.ofNumber,
    clock: () => now,
  });

  it('answers each test card as the processors do, and approves any other card', async () => {
    const answers: Record<string, string> = {};
    for (const number of [...Object.keys(TEST_CARDS), '5555555555554444']) {
      const answer = await network.authorize(request(number));
      answers[number] = answer.approved ? 'approved' : answer.code;
    }
    assert.deepEqual(answers, {
      '4242424242424242': 'approved',
      '4000000000000002': 'card_declined',
      '4000000000009995': 'insufficient_funds',
      '4000000000000069': 'expired_card',
      '4100000000000019': 'approved',
      '4000000000000119': 'processing_error',
      '5555555555554444': 'approved',
    });
  });

  it('calls only a processing error transient, and gives approvals a six-character code', async () => {
    const failed = await network.authorize(request('4000000000000119'));
    assert.ok(!failed.approved && failed.transient);
    const declined = await network.authorize(request('4000000000000002'));
    assert.ok(!declined.approved && !declined.transient);
    const approved = await network.authorize(request('4242424242424242'));
    assert.ok(approved.approved && /^[A-Z0-9]{6}$/.test(approved.authorizationCode));
  });

  it('declines a card whose expiry passed by its own clock', async () => {
    const answer = await network.authorize(request('4242424242424242', { month: 4, year: 2026 }));
    assert.ok(!answer.approved && answer.code === 'expired_card');
  });

  it('takes a time within the configured latency, and stops waiting when the caller gives up', async () => {
    const started = performance.now();
    await network.authorize(request('4242424242424242'));
    const took = performance.now() - started;
    assert.ok(took >= 19 && took < 200, `took ${took} ms`);
    const slow = createSimulatedCardNetwork({
      latency: { minMs: 5_000, maxMs: 5_000 },
      fingerprintOf: fingerprints.ofNumber,
      clock: () => now,
    });
    await assert.rejects(slow.authorize(request('4242424242424242'), AbortSignal.timeout(30)), {
      name: 'AbortError',
    });
  });

  it('knows a card only by the fingerprint made with the same secret', async () => {
    const otherSecret = createCardFingerprints('another-secret-of-enough-length');
    const answer = await network.authorize({
      ...request('4000000000000002'),
      fingerprint: otherSecret.ofNumber('4000000000000002'),
    });
    assert.ok(answer.approved, 'a foreign fingerprint is just some other card');
  });
});
