import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessFraud, type FraudRules, type FraudSignals } from '../src/domain/fraud-rules.ts';

const rules: FraudRules = {
  maxAttemptsPerCard: 5,
  maxAttemptsPerUser: 10,
  amountLimits: new Map([
    ['EUR', { reviewAboveMinor: 500_000, declineAboveMinor: 2_000_000 }],
    ['JPY', { reviewAboveMinor: 800_000, declineAboveMinor: 3_200_000 }],
  ]),
  reviewScore: 50,
  declineScore: 80,
};

const calm: FraudSignals = {
  amount: { amountMinor: 12_999, currency: 'EUR' },
  recentAttemptsWithCard: 0,
  recentAttemptsByUser: 0,
  billingCountry: 'DE',
  shippingCountry: 'DE',
  cardBlocked: false,
};

const assess = (changes: Partial<FraudSignals>) => assessFraud({ ...calm, ...changes }, rules);

describe('fraud rules', () => {
  it('approves an ordinary payment with score 0 and no reasons', () => {
    assert.deepEqual(assess({}), { score: 0, decision: 'approve', reasons: [] });
  });

  it('declines a card on the block list, whatever else', () => {
    assert.deepEqual(assess({ cardBlocked: true }), {
      score: 100,
      decision: 'decline',
      reasons: ['card.blocklisted'],
    });
  });

  it('counts card velocity from the configured number of earlier attempts on', () => {
    assert.deepEqual(assess({ recentAttemptsWithCard: 4 }).reasons, []);
    assert.deepEqual(assess({ recentAttemptsWithCard: 5 }), {
      score: 40,
      decision: 'approve',
      reasons: ['velocity.card'],
    });
  });

  it('counts user velocity the same way', () => {
    assert.deepEqual(assess({ recentAttemptsByUser: 9 }).reasons, []);
    assert.deepEqual(assess({ recentAttemptsByUser: 10 }).reasons, ['velocity.user']);
  });

  it('reviews a large amount and declines a very large one, per currency', () => {
    assert.equal(assess({ amount: { amountMinor: 500_000, currency: 'EUR' } }).decision, 'approve');
    assert.deepEqual(assess({ amount: { amountMinor: 500_001, currency: 'EUR' } }), {
      score: 50,
      decision: 'review',
      reasons: ['amount.threshold'],
    });
    assert.deepEqual(assess({ amount: { amountMinor: 2_000_001, currency: 'EUR' } }), {
      score: 100,
      decision: 'decline',
      reasons: ['amount.threshold'],
    });
    // 600,000 yen is about 3,700 euro: under the yen's review limit.
    assert.equal(assess({ amount: { amountMinor: 600_000, currency: 'JPY' } }).decision, 'approve');
  });

  it('scores a billing and shipping country mismatch, only when both are known', () => {
    assert.deepEqual(assess({ shippingCountry: 'NG' }), {
      score: 25,
      decision: 'approve',
      reasons: ['country.mismatch'],
    });
    assert.deepEqual(assess({ billingCountry: undefined, shippingCountry: 'NG' }).reasons, []);
    assert.deepEqual(assess({ shippingCountry: undefined }).reasons, []);
  });

  it('adds the rules up: velocity and a mismatch are a review, with a large amount a decline', () => {
    const review = assess({ recentAttemptsWithCard: 7, shippingCountry: 'US' });
    assert.deepEqual(review, {
      score: 65,
      decision: 'review',
      reasons: ['velocity.card', 'country.mismatch'],
    });
    const decline = assess({
      recentAttemptsWithCard: 7,
      recentAttemptsByUser: 12,
      shippingCountry: 'US',
    });
    assert.deepEqual(decline, {
      score: 95,
      decision: 'decline',
      reasons: ['velocity.card', 'velocity.user', 'country.mismatch'],
    });
    const capped = assess({
      cardBlocked: true,
      recentAttemptsWithCard: 9,
      amount: { amountMinor: 900_000, currency: 'EUR' },
    });
    assert.equal(capped.score, 100, 'the score never passes 100');
    assert.deepEqual(capped.reasons, ['card.blocklisted', 'velocity.card', 'amount.threshold']);
  });

  it('follows configured score thresholds', () => {
    const strict = { ...rules, reviewScore: 20, declineScore: 40 };
    assert.equal(assessFraud({ ...calm, shippingCountry: 'FR' }, strict).decision, 'review');
    assert.equal(assessFraud({ ...calm, recentAttemptsWithCard: 5 }, strict).decision, 'decline');
  });

  it('refuses to assess a currency it has no limits for (the service refuses such payments first)', () => {
    assert.throws(
      () => assess({ amount: { amountMinor: 100, currency: 'SEK' } }),
      /no fraud amount limits for SEK/,
    );
  });
});
