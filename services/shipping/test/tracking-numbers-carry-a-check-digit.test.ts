import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDigit, checkTrackingNumber, trackingNumberFor } from '../src/domain/tracking-number.ts';

describe('tracking numbers', () => {
  it('compute the UPU S10 mod-11 check digit, including its 10 → 0 and 11 → 5 cases', () => {
    assert.equal(checkDigit('47312482'), 9); // the S10 standard's own example, RR473124829GB
    assert.equal(checkTrackingNumber('RR473124829GB'), 'valid');
    // Weighted sums with remainder 1 (check 10 → 0) and 0 (check 11 → 5).
    assert.equal(checkDigit('00000004'), 5); // 4 × 7 = 28 ≡ 6 (mod 11): 11 − 6 = 5
    assert.equal(checkDigit('00000008'), 0); // 8 × 7 = 56 ≡ 1: 11 − 1 = 10, written 0
    assert.equal(checkDigit('00000000'), 5); // 0 ≡ 0: 11 − 0 = 11, written 5
  });

  it('read carrier prefix, eight digits, check digit and origin', () => {
    const number = trackingNumberFor('PP', 1, 'NL');
    assert.match(number, /^PP[0-9]{9}NL$/);
    assert.equal(checkTrackingNumber(number), 'valid');
    assert.equal(number.slice(10, 11), String(checkDigit(number.slice(2, 10))));
  });

  it('are unique per sequence number and do not follow each other', () => {
    const numbers = Array.from({ length: 20_000 }, (_, index) => trackingNumberFor('SW', index + 1, 'NL'));
    assert.equal(new Set(numbers).size, numbers.length);
    const serial = (number: string) => Number(number.slice(2, 10));
    const neighbours = numbers
      .slice(1)
      .filter((number, index) => Math.abs(serial(number) - serial(numbers[index] ?? '')) < 1000);
    assert.equal(neighbours.length, 0, 'consecutive shipments get far-apart serials');
    assert.throws(() => trackingNumberFor('SW', 0, 'NL'), RangeError);
    assert.throws(() => trackingNumberFor('SW', 100_000_000, 'NL'), RangeError);
  });

  it('catch mistyped digits before any lookup', () => {
    const number = trackingNumberFor('PP', 42, 'NL');
    const wrongCheck = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}${number.slice(11)}`;
    assert.equal(checkTrackingNumber(wrongCheck), 'check-digit-mismatch');
    // Every single-digit substitution in the serial, over many numbers: mod 11 catches nearly all
    // (only sums 0 and 6 share a check digit, 5).
    let typos = 0;
    let caught = 0;
    for (let sequence = 1; sequence <= 500; sequence++) {
      const valid = trackingNumberFor('PP', sequence, 'NL');
      for (let position = 2; position < 10; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === valid[position]) continue;
          typos++;
          const typo = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
          if (checkTrackingNumber(typo) === 'check-digit-mismatch') caught++;
        }
      }
    }
    assert.ok(caught / typos > 0.95, `caught ${caught} of ${typos}`);
  });

  it('refuse anything not shaped like one', () => {
    for (const text of [
      '',
      'PP12345678NL',
      'pp123456785nl',
      'P1234567890NL',
      'PP123456785N',
      'PP12345678XNL',
      'PP 123456785NL',
    ]) {
      assert.equal(checkTrackingNumber(text), 'malformed', text);
    }
  });
});
