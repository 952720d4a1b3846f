import type { IdempotencyTables } from '@emporium/platform/idempotency';
import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated } from 'kysely';
import type { CardBrand } from '../domain/card-number.ts';
import type { FraudDecision } from '../domain/fraud-rules.ts';
import type { LedgerAccount } from '../domain/ledger.ts';
import type { FailureCode, PaymentStatus } from '../domain/payment.ts';

/**
 * The payments database as Kysely sees it: its own tables, the chassis's outbox (written in the
 * same transaction as the change an event reports), inbox and dead letters, and the
 * idempotency keys of its mutating calls.
 */
export type PaymentsDatabase = PaymentsTables & MessagingTables & IdempotencyTables;

export interface PaymentsTables {
  card_tokens: CardTokensTable;
  payments: PaymentsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_entries: LedgerEntriesTable;
}

/** bigint columns: pg reads int8 as text (it may not fit a double); stores convert with minorOf. */
type Minor = ColumnType<string, number, number>;
/** jsonb: written as JSON text (pg would turn an array into a Postgres array). */
type JsonColumn<T> = ColumnType<T, string, string>;

/** A card as tokenised: never its number nor its security code. */
export interface CardTokensTable {
  token: string;
  brand: CardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
  /** HMAC-SHA256 of the number (see cards/card-fingerprint.ts). */
  fingerprint: string;
  /** The user who tokenised the card when signed in; only they may use the token. */
  user_id: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: ColumnType<Date | null, never, Date>;
}

export interface PaymentsTable {
  id: string;
  order_id: string;
  user_id: string;
  status: PaymentStatus;
  currency: string;
  amount_minor: Minor;
  captured_minor: Minor;
  refunded_minor: Minor;
  failure_code: FailureCode | null;
  failure_message: string | null;
  fraud_score: number;
  fraud_decision: FraudDecision;
  fraud_reasons: JsonColumn<string[]>;
  card_brand: CardBrand;
  card_last4: string;
  card_fingerprint: string;
  card_token: string;
  billing_country: string | null;
  shipping_country: string | null;
  network_reference: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export type LedgerTransactionKind = 'authorization' | 'capture' | 'void' | 'refund';

/** One movement of money; its entries balance (a deferred constraint trigger checks at commit). */
export interface LedgerTransactionsTable {
  id: string;
  payment_id: string;
  kind: LedgerTransactionKind;
  /** Why, for a refund. */
  reason: string | null;
  created_at: Date;
}

export interface LedgerEntriesTable {
  id: Generated<string>;
  transaction_id: string;
  account: LedgerAccount;
  currency: string;
  debit_minor: Minor;
  credit_minor: Minor;
}

/** An int8 or numeric read back as text, as a number; a value past 2^53 would be a bug, not data. */
export function minorOf(text: string | number | bigint): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`amount ${text} is not a safe integer`);
  return value;
}
