import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseEmail, parseEmail } from '../src/domain/email.ts';

describe('email normalisation', () => {
  it('trims and lower-cases, so one mailbox has one spelling', () => {
    assert.equal(normaliseEmail('  Ann.Lee@Example.COM \n'), 'ann.lee@example.com');
    assert.deepEqual(parseEmail(' ANN@example.com'), { ok: true, email: 'ann@example.com' });
  });

  it('composes Unicode (NFC), so visually equal addresses are equal', () => {
    const decomposed = 'jose\u0301@example.com';
    assert.equal(normaliseEmail(decomposed), 'jos\u00e9@example.com');
  });

  it('accepts ordinary and international addresses', () => {
    for (const email of [
      'a@b.co',
      'first.last+tag@shop.example.org',
      'müller@bücher.de',
      'x_y-z@sub-domain.example.io',
    ]) {
      assert.equal(parseEmail(email).ok, true, email);
    }
  });

  it('refuses what is not an address, saying why', () => {
    const refused = {
      '': /Give an email address/,
      'ann@': /does not look like an email address/,
      'ann@example': /does not look like an email address/,
      'ann example@example.com': /does not look like an email address/,
      'a@b@example.com': /does not look like an email address/,
      '.ann@example.com': /cannot start or end with a dot/,
      'ann..lee@example.com': /two dots in a row/,
      'ann@-example.com': /not a valid domain name/,
      'ann@example..com': /not a valid domain name/,
      'ann\u0000@example.com': /does not look like an email address/,
      [`${'a'.repeat(65)}@example.com`]: /at most 64 characters/,
      [`ann@${'a'.repeat(250)}.com`]: /at most 254 characters/,
    };
    for (const [input, reason] of Object.entries(refused)) {
      const parsed = parseEmail(input);
      assert.equal(parsed.ok, false, JSON.stringify(input));
      if (!parsed.ok) assert.match(parsed.problem, reason, JSON.stringify(input));
    }
  });
});
