/**
 * What a password must be. Length matters most (NIST SP 800-63B §5.1.1.2), so the rules are
 * few and each broken one is explained to the user in words they can act on.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const LETTER = /\p{L}/u;
const DIGIT_OR_SYMBOL = /[^\p{L}]/u;

/** Every rule `password` breaks, as a sentence; empty when it is acceptable. */
export function passwordPolicyViolations(password: string, email?: string): string[] {
  const violations: string[] = [];
  // Counted in code points, as a person counts characters (an emoji is one, not two).
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    violations.push(`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}).`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    violations.push(`Use at most ${PASSWORD_MAX_LENGTH} characters (this one has ${length}).`);
  }
  if (!LETTER.test(password)) violations.push('Add a letter.');
  if (!DIGIT_OR_SYMBOL.test(password)) violations.push('Add a digit or a symbol.');
  if (email !== undefined && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    violations.push('Do not use your email address as your password.');
  }
  return violations;
}
