/**
 * Integer money arithmetic for prices in minor units. Every division rounds **half up**
 * (commercial rounding: exactly half a minor unit goes up; amounts here are never negative,
 * so this is also half away from zero), and is done in BigInt so that no product of an
 * amount and a rate ever passes through a float.
 */

/** Largest amount the arithmetic accepts: far above any quote, well inside Number's exact range. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_000;

/** `numerator / denominator` rounded half up; both non-negative, denominator positive. */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError(`cannot round ${numerator}/${denominator}: amounts and rates are never negative`);
  }
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** `amount × rateBps / 10,000`, rounded half up: 10% (1000 bps) of 5 is 1 (0.5 goes up). */
export function basisPointsOf(amountMinor: number, rateBps: number): number {
  return toAmount(divideRoundingHalfUp(BigInt(checkedAmount(amountMinor)) * BigInt(rateBps), 10_000n));
}

/**
 * The tax inside a tax-inclusive amount: `amount × rate / (10,000 + rate)`, rounded half up.
 * 19% VAT inside 119.00 is 19.00; inside 1.00 it is 0.16 (15.966... rounds to 16).
 */
export function includedTaxOf(amountMinor: number, rateBps: number): number {
  return toAmount(
    divideRoundingHalfUp(BigInt(checkedAmount(amountMinor)) * BigInt(rateBps), 10_000n + BigInt(rateBps)),
  );
}

/**
 * Splits `amount` over `weights` in proportion, in whole minor units, by the largest
 * remainder method: each share is first rounded down, then the units left over go one
 * each to the shares with the largest remainders, ties to the earlier position. The shares
 * always add up to `amount` exactly, and with `amount` at most the sum of the weights no
 * share exceeds its weight (so a discount spread this way never exceeds a line's price).
 */
export function spreadByLargestRemainder(amountMinor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + checkedAmount(weight), 0);
  checkedAmount(amountMinor);
  if (amountMinor > total) {
    throw new RangeError(`cannot spread ${amountMinor} over weights that add up to ${total}`);
  }
  if (amountMinor === 0) return weights.map(() => 0);
  const amount = BigInt(amountMinor);
  const whole = BigInt(total);
  const shares = weights.map((weight) => {
    const exact = amount * BigInt(weight);
    return { floor: exact / whole, remainder: exact % whole };
  });
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = shares.map((share) => share.floor);
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    result[index] = (result[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return result.map(toAmount);
}

function checkedAmount(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) {
    throw new RangeError(`${amountMinor} is not an amount in minor units`);
  }
  return amountMinor;
}

function toAmount(value: bigint): number {
  return Number(value);
}
