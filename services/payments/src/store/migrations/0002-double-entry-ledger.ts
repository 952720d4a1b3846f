import { type Kysely, sql } from 'kysely';

/**
 * The double-entry ledger. Each transaction's entries must balance (debits = credits per
 * currency); a constraint trigger deferred to commit checks it, so a transaction may insert
 * its entries one by one, but no unbalanced one can ever commit, whatever code writes it.
 * Both tables are append-only: a correction is a new transaction, never an edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('payment_id', 'uuid', (column) => column.notNull().references('payments.id'))
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('authorization', 'capture', 'void', 'refund')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_transactions_payment')
    .on('ledger_transactions')
    .columns(['payment_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'bigint', (column) => column.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('transaction_id', 'uuid', (column) => column.notNull().references('ledger_transactions.id'))
    .addColumn('account', 'text', (column) =>
      column
        .notNull()
        .check(
          sql`account in ('customer_card_holds', 'holds_pending_capture', 'merchant_receivable', 'merchant_revenue', 'customer_refunds')`,
        ),
    )
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('debit_minor', 'bigint', (column) => column.notNull().check(sql`debit_minor >= 0`))
    .addColumn('credit_minor', 'bigint', (column) => column.notNull().check(sql`credit_minor >= 0`))
    // Each entry moves money one way.
    .addCheckConstraint('ledger_entries_one_sided', sql`(debit_minor > 0) <> (credit_minor > 0)`)
    .execute();
  await db.schema
    .createIndex('ledger_entries_transaction')
    .on('ledger_entries')
    .column('transaction_id')
    .execute();
  await db.schema
    .createIndex('ledger_entries_account')
    .on('ledger_entries')
    .columns(['account', 'currency'])
    .execute();

  await sql`
    create function ledger_transaction_must_balance() returns trigger language plpgsql as $$
    declare
      unbalanced record;
    begin
      select currency, sum(debit_minor) as debits, sum(credit_minor) as credits into unbalanced
        from ledger_entries where transaction_id = new.transaction_id
        group by currency having sum(debit_minor) <> sum(credit_minor) limit 1;
      if found then
        raise exception 'ledger transaction % does not balance in %: debits %, credits %',
          new.transaction_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
          using errcode = 'check_violation';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger ledger_entries_balance
      after insert on ledger_entries deferrable initially deferred
      for each row execute function ledger_transaction_must_balance()`.execute(db);

  await sql`
    create function ledger_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const table of ['ledger_transactions', 'ledger_entries']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function ledger_is_append_only()`.execute(db);
  }
}
