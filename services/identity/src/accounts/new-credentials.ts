import { parseEmail } from '../domain/email.ts';
import { passwordPolicyViolations } from '../domain/password-policy.ts';
import { InvalidEmail, WeakPassword } from '../errors.ts';

/** The normalised form of an email a user wants to use, or INVALID_EMAIL saying why not. */
export function acceptEmail(raw: string): string {
  const parsed = parseEmail(raw);
  if (!parsed.ok) throw InvalidEmail(parsed.problem);
  return parsed.email;
}

/** Refuses a password that breaks the policy with WEAK_PASSWORD, listing every broken rule. */
export function acceptPassword(password: string, email: string): void {
  const violations = passwordPolicyViolations(password, email);
  if (violations.length > 0) {
    throw WeakPassword(`The password is too weak. ${violations.join(' ')}`, { violations });
  }
}
