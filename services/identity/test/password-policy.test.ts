import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordPolicyViolations } from '../src/domain/password-policy.ts';

describe('the password policy', () => {
  it('accepts long passwords with letters and a digit, a symbol or a space', () => {
    assert.deepEqual(passwordPolicyViolations('abcdefghi1'), []);
    assert.deepEqual(passwordPolicyViolations('correct horse battery'), []);
    assert.deepEqual(passwordPolicyViolations('Grüße-aus-Köln'), []);
    assert.deepEqual(passwordPolicyViolations(`${'a'.repeat(127)}!`), []);
  });

  it('refuses short passwords, saying how long they are', () => {
    assert.deepEqual(passwordPolicyViolations('abc12'), ['Use at least 10 characters (this one has 5).']);
  });

  it('counts characters as a person does, not UTF-16 units', () => {
    // Nine emoji are 18 UTF-16 units but nine characters: too short.
    assert.match(passwordPolicyViolations(`a${'🙂'.repeat(8)}`)[0] ?? '', /this one has 9/);
  });

  it('refuses passwords over 128 characters', () => {
    assert.deepEqual(passwordPolicyViolations(`${'a'.repeat(128)}1`), [
      'Use at most 128 characters (this one has 129).',
    ]);
  });

  it('refuses a single character class', () => {
    assert.deepEqual(passwordPolicyViolations('abcdefghijkl'), ['Add a digit or a symbol.']);
    assert.deepEqual(passwordPolicyViolations('1234567890123'), ['Add a letter.']);
    assert.deepEqual(passwordPolicyViolations('!!!!!!!!!!!!'), ['Add a letter.']);
  });

  it('refuses the email address as password, in any case', () => {
    assert.deepEqual(passwordPolicyViolations('Ann.Lee@Example.com', 'ann.lee@example.com'), [
      'Do not use your email address as your password.',
    ]);
    assert.deepEqual(passwordPolicyViolations('ann.lee@example.org', 'ann.lee@example.com'), []);
  });

  it('lists every broken rule at once', () => {
    assert.deepEqual(passwordPolicyViolations('aaaa'), [
      'Use at least 10 characters (this one has 4).',
      'Add a digit or a symbol.',
    ]);
    assert.equal(passwordPolicyViolations('').length, 3);
  });
});
