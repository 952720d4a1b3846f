import type { Money } from './money.ts';
import type { Movement } from './payment-moves.ts';

/**
 * The double-entry ledger: every movement of money is one transaction of postings whose
 * debits equal its credits, per currency. The accounts, from the shop's side:
 *
 * - customer_card_holds (debit): money held on customers' cards by an authorisation;
 * - holds_pending_capture (credit): the same holds, owed back to customers unless captured;
 *   the two always balance each other, and equal the authorised, uncaptured, unvoided amounts;
 * - merchant_receivable (debit): captured money the acquirer owes the shop, less refunds;
 * - merchant_revenue (credit): everything captured;
 * - customer_refunds (debit): everything refunded, a contra account to revenue.
 */
export type LedgerAccount =
  | 'customer_card_holds'
  | 'holds_pending_capture'
  | 'merchant_receivable'
  | 'merchant_revenue'
  | 'customer_refunds';

export const LEDGER_ACCOUNTS: readonly LedgerAccount[] = [
  'customer_card_holds',
  'holds_pending_capture',
  'merchant_receivable',
  'merchant_revenue',
  'customer_refunds',
];

export interface Posting {
  account: LedgerAccount;
  debitMinor: number;
  creditMinor: number;
  currency: string;
}

const debit = (account: LedgerAccount, money: Money): Posting => ({
  account,
  debitMinor: money.amountMinor,
  creditMinor: 0,
  currency: money.currency,
});
const credit = (account: LedgerAccount, money: Money): Posting => ({
  account,
  debitMinor: 0,
  creditMinor: money.amountMinor,
  currency: money.currency,
});

/** The postings of one movement: a balanced transaction. */
export function postingsFor(movement: Movement): Posting[] {
  switch (movement.kind) {
    case 'authorization':
      return [
        debit('customer_card_holds', movement.amount),
        credit('holds_pending_capture', movement.amount),
      ];
    case 'capture':
      // The whole hold is released (one capture per payment), and what was captured is earned.
      return [
        debit('holds_pending_capture', movement.authorized),
        credit('customer_card_holds', movement.authorized),
        debit('merchant_receivable', movement.captured),
        credit('merchant_revenue', movement.captured),
      ];
    case 'void':
      return [
        debit('holds_pending_capture', movement.released),
        credit('customer_card_holds', movement.released),
      ];
    case 'refund':
      return [debit('customer_refunds', movement.refunded), credit('merchant_receivable', movement.refunded)];
  }
}

/** Debits equal credits in every currency, and every posting moves a positive amount one way. */
export function isBalanced(postings: readonly Posting[]): boolean {
  const net = new Map<string, number>();
  for (const posting of postings) {
    const oneSided = posting.debitMinor > 0 !== posting.creditMinor > 0;
    if (!oneSided || posting.debitMinor < 0 || posting.creditMinor < 0) return false;
    net.set(posting.currency, (net.get(posting.currency) ?? 0) + posting.debitMinor - posting.creditMinor);
  }
  return postings.length >= 2 && [...net.values()].every((sum) => sum === 0);
}
