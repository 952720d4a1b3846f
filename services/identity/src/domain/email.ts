/**
 * Email addresses as identity keys them: one spelling per mailbox, so that "Ann@Example.com "
 * and "ann@example.com" are the same account. Pure; no lookups.
 */

/** RFC 5321 §4.5.3.1: a path is at most 256 octets, so an address at most 254 characters. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;
const DOMAIN_LABEL_MAX_LENGTH = 63;

/** The rough shape, also used where no normalisation runs first (configuration). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL_CHARACTER = /\p{Cc}/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

export type ParsedEmail = { ok: true; email: string } | { ok: false; problem: string };

/** Trimmed, Unicode NFC, lower case: the form stored and compared. */
export function normaliseEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

/** Normalises `raw` and checks it is a plausible mailbox address, saying what is wrong if not. */
export function parseEmail(raw: string): ParsedEmail {
  const email = normaliseEmail(raw);
  const problem = emailProblem(email);
  return problem === undefined ? { ok: true, email } : { ok: false, problem };
}

function emailProblem(email: string): string | undefined {
  if (email === '') return 'Give an email address.';
  if (email.length > EMAIL_MAX_LENGTH) return `An email address has at most ${EMAIL_MAX_LENGTH} characters.`;
  if (CONTROL_CHARACTER.test(email) || !EMAIL_PATTERN.test(email)) {
    return `"${email}" does not look like an email address (name@example.com).`;
  }
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > LOCAL_PART_MAX_LENGTH) {
    return `The part before @ has at most ${LOCAL_PART_MAX_LENGTH} characters.`;
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'The part before @ cannot start or end with a dot or contain two dots in a row.';
  }
  const labels = domain.split('.');
  if (labels.some((label) => label.length > DOMAIN_LABEL_MAX_LENGTH || !DOMAIN_LABEL.test(label))) {
    return `"${domain}" is not a valid domain name.`;
  }
  return undefined;
}
