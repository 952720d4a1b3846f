import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { isBalanced, type LedgerAccount, type Posting } from '../domain/ledger.ts';
import { type LedgerTransactionKind, minorOf, type PaymentsDatabase } from './database.ts';

export interface LedgerTransaction {
  id: string;
  paymentId: string;
  kind: LedgerTransactionKind;
  reason: string | null;
  createdAt: Date;
  entries: Posting[];
}

/**
 * Writes one balanced transaction in the caller's transaction, beside the state change it
 * records. Checked here so a bug fails with a clear message; the database checks it again at
 * commit (the deferred constraint trigger of migration 0002).
 */
export async function recordLedgerTransaction(
  trx: Kysely<PaymentsDatabase>,
  transaction: Omit<LedgerTransaction, 'id'>,
): Promise<string> {
  if (!isBalanced(transaction.entries)) {
    throw new Error(`ledger ${transaction.kind} of payment ${transaction.paymentId} does not balance`);
  }
  const id = randomUUID();
  await trx
    .insertInto('ledger_transactions')
    .values({
      id,
      payment_id: transaction.paymentId,
      kind: transaction.kind,
      reason: transaction.reason,
      created_at: transaction.createdAt,
    })
    .execute();
  await trx
    .insertInto('ledger_entries')
    .values(
      transaction.entries.map((entry) => ({
        transaction_id: id,
        account: entry.account,
        currency: entry.currency,
        debit_minor: entry.debitMinor,
        credit_minor: entry.creditMinor,
      })),
    )
    .execute();
  return id;
}

/** A payment's ledger transactions, oldest first, with their entries. */
export async function ledgerOfPayment(
  db: Kysely<PaymentsDatabase>,
  paymentId: string,
): Promise<LedgerTransaction[]> {
  const rows = await db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select([
      't.id',
      't.kind',
      't.reason',
      't.created_at',
      'e.account',
      'e.currency',
      'e.debit_minor',
      'e.credit_minor',
    ])
    .where('t.payment_id', '=', paymentId)
    .orderBy('t.created_at')
    .orderBy('e.id')
    .execute();
  const transactions = new Map<string, LedgerTransaction>();
  for (const row of rows) {
    let transaction = transactions.get(row.id);
    if (!transaction) {
      transaction = {
        id: row.id,
        paymentId,
        kind: row.kind,
        reason: row.reason,
        createdAt: row.created_at,
        entries: [],
      };
      transactions.set(row.id, transaction);
    }
    transaction.entries.push({
      account: row.account,
      currency: row.currency,
      debitMinor: minorOf(row.debit_minor),
      creditMinor: minorOf(row.credit_minor),
    });
  }
  return [...transactions.values()];
}

export interface AccountBalance {
  account: LedgerAccount;
  currency: string;
  debitMinor: number;
  creditMinor: number;
}

/** Every account's total debits and credits, per currency. */
export async function ledgerBalances(db: Kysely<PaymentsDatabase>): Promise<AccountBalance[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'account',
      'currency',
      eb.fn.sum<string>('debit_minor').as('debits'),
      eb.fn.sum<string>('credit_minor').as('credits'),
    ])
    .groupBy(['account', 'currency'])
    .orderBy('account')
    .orderBy('currency')
    .execute();
  return rows.map((row) => ({
    account: row.account,
    currency: row.currency,
    debitMinor: minorOf(row.debits),
    creditMinor: minorOf(row.credits),
  }));
}

/** How many transactions do not balance: zero, unless the database's own check was bypassed. */
export async function countUnbalancedTransactions(db: Kysely<PaymentsDatabase>): Promise<number> {
  const { rows } = await sql<{ unbalanced: number }>`
    select count(*)::int as unbalanced from (
      select transaction_id from ledger_entries group by transaction_id, currency
      having sum(debit_minor) <> sum(credit_minor)
    ) as unbalanced`.execute(db);
  return rows[0]?.unbalanced ?? 0;
}

/**
 * Payments with more than one capture transaction: never any, since one capture per payment is
 * the rule (a check constraint already keeps captured within authorised). At most `limit` ids.
 */
export async function paymentsCapturedTwice(db: Kysely<PaymentsDatabase>, limit = 100): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select payment_id as id from ledger_transactions where kind = 'capture'
    group by payment_id having count(*) > 1
    order by payment_id limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}
