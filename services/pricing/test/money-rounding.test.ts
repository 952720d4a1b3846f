import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '@emporium/demo-data';
import {
  basisPointsOf,
  divideRoundingHalfUp,
  includedTaxOf,
  spreadByLargestRemainder,
} from '../src/domain/rounding.ts';

describe('rounding: half up, in whole minor units', () => {
  it('rounds exactly half a minor unit up, where half-even would go down', () => {
    assert.equal(basisPointsOf(5, 1000), 1, '10% of 0.05 is 0.005 → 0.01');
    assert.equal(basisPointsOf(25, 1000), 3, '10% of 0.25 is 0.025 → 0.03 (half-even would give 0.02)');
    assert.equal(basisPointsOf(4, 1000), 0, '10% of 0.04 is 0.004 → 0.00');
    assert.equal(basisPointsOf(15, 1000), 2);
    assert.equal(basisPointsOf(1999, 725), 145, '7.25% of 19.99 is 1.449275 → 1.45');
    assert.equal(basisPointsOf(100, 3333), 33);
    assert.equal(basisPointsOf(0, 2500), 0);
    assert.equal(basisPointsOf(12345, 10_000), 12345, '100% is the whole amount');
  });

  it('never passes through a float: products beyond 2^53 stay exact', () => {
    const amount = 999_999_999_999_999;
    assert.equal(basisPointsOf(amount, 10_000), amount);
    assert.equal(basisPointsOf(amount, 5000), 500_000_000_000_000, 'half of an odd amount rounds up');
    assert.equal(divideRoundingHalfUp(10n ** 30n + 1n, 2n), 5n * 10n ** 29n + 1n);
  });

  it('finds the tax inside a tax-included amount', () => {
    assert.equal(includedTaxOf(11900, 1900), 1900, '19% VAT inside 119.00 is 19.00');
    assert.equal(includedTaxOf(100, 1900), 16, 'inside 1.00 it is 0.1596... → 0.16');
    assert.equal(includedTaxOf(12000, 2000), 2000);
    assert.equal(includedTaxOf(1, 2000), 0, 'inside 0.01: 0.0016... → 0.00');
    assert.equal(includedTaxOf(3, 2000), 1, 'inside 0.03: exactly 0.005 → 0.01');
    assert.equal(includedTaxOf(5000, 0), 0);
  });

  it('refuses negative amounts and rates rather than rounding them some way', () => {
    assert.throws(() => divideRoundingHalfUp(-1n, 2n), RangeError);
    assert.throws(() => divideRoundingHalfUp(1n, 0n), RangeError);
    assert.throws(() => basisPointsOf(-5, 1000), RangeError);
    assert.throws(() => basisPointsOf(1.5, 1000), RangeError);
  });
});

describe('spreading an amount by the largest remainder', () => {
  it('gives the leftover units to the largest remainders, ties to the earlier position', () => {
    assert.deepEqual(spreadByLargestRemainder(100, [1000, 1000, 1000]), [34, 33, 33]);
    assert.deepEqual(spreadByLargestRemainder(200, [1000, 1000, 1000]), [67, 67, 66]);
    assert.deepEqual(spreadByLargestRemainder(10, [3, 3, 4]), [3, 3, 4], 'exact shares need no correction');
    assert.deepEqual(spreadByLargestRemainder(500, [1000, 3000, 6000]), [50, 150, 300]);
    // 7 over 10:20 is 2.33 and 4.67: the larger remainder (0.67) takes the leftover unit.
    assert.deepEqual(spreadByLargestRemainder(7, [10, 20]), [2, 5]);
  });

  it('gives nothing to a zero weight and spreads zero as zeros', () => {
    assert.deepEqual(spreadByLargestRemainder(5, [0, 10, 0, 10]), [0, 3, 0, 2]);
    assert.deepEqual(spreadByLargestRemainder(0, [4, 5]), [0, 0]);
    assert.deepEqual(spreadByLargestRemainder(0, [0, 0]), [0, 0]);
  });

  it('refuses to spread more than the weights add up to', () => {
    assert.throws(() => spreadByLargestRemainder(11, [5, 5]), RangeError);
  });

  it('always adds up exactly, no share off its exact value by a unit or more, none above its weight', () => {
    const rng = createRng(20_250_615);
    for (let round = 0; round < 2000; round++) {
      const weights = Array.from({ length: rng.int(1, 12) }, () => rng.int(0, 50_000));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      const amount = rng.int(0, total);
      const shares = spreadByLargestRemainder(amount, weights);
      assert.equal(
        shares.reduce((sum, share) => sum + share, 0),
        amount,
      );
      shares.forEach((share, index) => {
        const weight = weights[index] ?? 0;
        assert.ok(share >= 0 && share <= weight, `share ${share} of weight ${weight}`);
        // |share − amount × weight / total| < 1, in integers.
        assert.ok(Math.abs(share * total - amount * weight) < total, `${share} is within a unit of exact`);
      });
    }
  });
});
