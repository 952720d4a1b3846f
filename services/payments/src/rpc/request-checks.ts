import type { Money as MoneyMessage } from '@emporium/contracts/proto/common/v1/money';
import { Code, ConnectError } from '@emporium/platform/rpc';
import { CURRENCY_PATTERN, MAX_AMOUNT_MINOR, type Money } from '../domain/money.ts';

/**
 * Checks of gRPC request fields: each refusal is INVALID_ARGUMENT naming the field (as the
 * proto spells it), and what passes comes back in the domain's types.
 */
function invalid(field: string, problem: string): ConnectError {
  return new ConnectError(`${field}: ${problem}`, Code.InvalidArgument);
}

/** As the Idempotency-Key header: 1 to 255 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Ids of other contexts (orders, users): opaque, but one line of sane characters. */
const FOREIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CARD_TOKEN = /^tok_[A-Za-z0-9_-]{16,64}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** C0 controls and DEL: never part of a reason a person typed. */
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function idempotencyKey(value: string): string {
  if (value === '') throw invalid('idempotency_key', 'is required on every mutating call');
  if (!KEY.test(value)) throw invalid('idempotency_key', 'must be 1 to 255 visible ASCII characters');
  return value;
}

export function foreignId(field: string, value: string): string {
  if (value === '') throw invalid(field, 'is required');
  if (!FOREIGN_ID.test(value)) {
    throw invalid(field, 'must be 1 to 100 letters, digits, dots, colons, dashes or underscores');
  }
  return value;
}

export function paymentId(value: string): string {
  if (value === '') throw invalid('payment_id', 'is required');
  if (!UUID.test(value)) throw invalid('payment_id', 'must be a payment id (a lower-case UUID)');
  return value;
}

export function cardToken(value: string): string {
  if (value === '') throw invalid('card_token', 'is required: tokenise the card with POST /payments/tokens');
  if (!CARD_TOKEN.test(value)) throw invalid('card_token', 'is not a card token (tok_...)');
  return value;
}

/** ISO 3166-1 alpha-2, or undefined when not given. */
export function optionalCountry(field: string, value: string): string | undefined {
  if (value === '') return undefined;
  if (!COUNTRY.test(value)) throw invalid(field, 'must be an ISO 3166-1 alpha-2 code such as DE');
  return value;
}

export function requiredMoney(field: string, value: MoneyMessage | undefined): Money {
  if (value === undefined) throw invalid(field, 'is required');
  return money(field, value);
}

/** Undefined when absent: "all of it". */
export function optionalMoney(field: string, value: MoneyMessage | undefined): Money | undefined {
  return value === undefined ? undefined : money(field, value);
}

function money(field: string, value: MoneyMessage): Money {
  if (!CURRENCY_PATTERN.test(value.currency)) {
    throw invalid(`${field}.currency`, 'must be an ISO 4217 code in upper case, such as EUR');
  }
  if (value.amountMinor <= 0n) throw invalid(`${field}.amount_minor`, 'must be positive');
  if (value.amountMinor > BigInt(MAX_AMOUNT_MINOR)) {
    throw invalid(`${field}.amount_minor`, `must be at most ${MAX_AMOUNT_MINOR}`);
  }
  return { amountMinor: Number(value.amountMinor), currency: value.currency };
}

export function refundReason(value: string): string {
  if (value.length > 500) throw invalid('reason', 'must be at most 500 characters');
  if (hasControlCharacter(value)) throw invalid('reason', 'must not contain control characters');
  return value.trim();
}
