import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardInvalidFrom, isCardExpired } from '../src/domain/card-expiry.ts';
import { brandOf, cardDigits, checkCardNumber, cvcLengthOf, passesLuhn } from '../src/domain/card-number.ts';
import { TEST_CARDS } from '../src/network/test-cards.ts';

describe('card numbers', () => {
  it('accepts the Luhn checksum of every processor test card and well-known numbers', () => {
    for (const number of [
      ...Object.keys(TEST_CARDS),
      '5555555555554444',
      '378282246310005',
      '2223003122003222',
    ]) {
      assert.ok(passesLuhn(number), number);
    }
  });

  it('refuses a number with one digit changed or two neighbours swapped', () => {
    assert.equal(passesLuhn('4242424242424241'), false);
    assert.equal(passesLuhn('4242424242424224'), false);
    assert.equal(passesLuhn('42424242424242a2'), false);
    assert.equal(passesLuhn(''), false);
  });

  it('names the brand by IIN: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34 and 37', () => {
    assert.equal(brandOf('4242424242424242'), 'visa');
    assert.equal(brandOf('5105105105105100'), 'mastercard');
    assert.equal(brandOf('5555555555554444'), 'mastercard');
    assert.equal(brandOf('2221000000000009'), 'mastercard');
    assert.equal(brandOf('2720990000000007'), 'mastercard');
    assert.equal(brandOf('2721000000000004'), undefined);
    assert.equal(brandOf('2220990000000000'), undefined);
    assert.equal(brandOf('5000000000000009'), undefined);
    assert.equal(brandOf('5600000000000003'), undefined);
    assert.equal(brandOf('378282246310005'), 'amex');
    assert.equal(brandOf('341111111111111'), 'amex');
    assert.equal(brandOf('6011111111111117'), undefined, 'Discover is not accepted');
  });

  it('checks a typed number: digits after removing spaces and dashes, Luhn, brand, then the length the brand issues', () => {
    const visa = checkCardNumber('4242 4242-4242 4242');
    assert.deepEqual(visa, { ok: true, digits: '4242424242424242', brand: 'visa', last4: '4242' });
    assert.equal(cardDigits('3782 822463 10005'), '378282246310005');
    assert.deepEqual(checkCardNumber('378282246310005'), {
      ok: true,
      digits: '378282246310005',
      brand: 'amex',
      last4: '0005',
    });
    const luhn = checkCardNumber('4242424242424241');
    assert.ok(!luhn.ok && luhn.problem === 'invalid' && /mistyped/.test(luhn.message));
    const discover = checkCardNumber('6011111111111117');
    assert.ok(!discover.ok && discover.problem === 'brand_not_accepted');
    assert.match(discover.ok ? '' : discover.message, /Visa, Mastercard, American Express/);
    // 17 digits, Luhn-valid, starting 4: not a length Visa issues.
    const long = checkCardNumber('42424242424242426');
    assert.ok(!long.ok && long.problem === 'invalid' && /13 or 16 or 19 digits/.test(long.message));
    const short = checkCardNumber('42424');
    assert.ok(!short.ok && short.problem === 'invalid');
  });

  it('never repeats the number in a refusal', () => {
    for (const number of ['4242424242424241', '6011111111111117', '42424242424242426']) {
      const checked = checkCardNumber(number);
      assert.ok(!checked.ok);
      assert.ok(!checked.message.includes(number.slice(0, 6)), checked.message);
    }
  });

  it('asks 4 security digits of an Amex and 3 of the others', () => {
    assert.equal(cvcLengthOf('amex'), 4);
    assert.equal(cvcLengthOf('visa'), 3);
    assert.equal(cvcLengthOf('mastercard'), 3);
  });
});

describe('card expiry', () => {
  it('keeps a card valid through the last moment of its expiry month, in UTC', () => {
    const expiry = { month: 2, year: 2028 };
    assert.equal(cardInvalidFrom(expiry).toISOString(), '2028-03-01T00:00:00.000Z');
    assert.equal(isCardExpired(expiry, new Date('2028-02-29T23:59:59.999Z')), false);
    assert.equal(isCardExpired(expiry, new Date('2028-03-01T00:00:00.000Z')), true);
    assert.equal(isCardExpired({ month: 12, year: 2027 }, new Date('2027-12-31T12:00:00Z')), false);
    assert.equal(isCardExpired({ month: 12, year: 2027 }, new Date('2028-01-01T00:00:00Z')), true);
  });
});
