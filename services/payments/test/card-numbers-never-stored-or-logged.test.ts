import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { hashRequest } from '@emporium/platform/idempotency';
import { sql } from 'kysely';
import { authorizeRequest, CARDS, tokenise, uniqueCardNumber, VALID_EXPIRY } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

describe('card numbers are never kept', () => {
  let payments: PaymentsUnderTest;
  const numbers = [...Object.values(CARDS), uniqueCardNumber('51'), uniqueCardNumber('37', 15)];
  /** How a number could turn up: as typed, and its first twelve digits (a number less its last four). */
  const traces = numbers.flatMap((number) => [number, number.slice(0, 12)]);

  before(async () => {
    payments = await startPayments();
    const { api } = payments;
    for (const number of numbers) {
      const cvc = number.startsWith('37') ? '4321' : '321';
      const card = await tokenise(api, number, { cvc });
      await payments.payments.authorize(authorizeRequest(card.token));
      // With an Idempotency-Key, so the key's record is scanned too.
      const body = { number, cvc, ...VALID_EXPIRY };
      await api('POST', '/payments/tokens', body, { headers: { 'idempotency-key': randomUUID() } });
      // And refused ones: expired, mistyped, wrong code, unknown field, malformed JSON, as typed with spaces.
      await api('POST', '/payments/tokens', { ...body, expYear: 2001 });
      await api('POST', '/payments/tokens', {
        ...body,
        number: `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`,
      });
      await api('POST', '/payments/tokens', { ...body, cvc: '12' });
      await api('POST', '/payments/tokens', { ...body, pin: number });
      await api('POST', '/payments/tokens', `{"number": "${number}", "cvc": "${cvc}",}`);
      await api('POST', '/payments/tokens', `x${number}`);
      await api('POST', '/payments/tokens', `{"number": ${number}x}`);
      await api('POST', '/payments/tokens', { ...body, number: number.replace(/(\d{4})/g, '$1 ').trim() });
    }
  });
  after(() => payments?.close());

  it('keeps no card number in any text column of any table', async () => {
    const db = payments.service.database.db;
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb')`.execute(
      db,
    );
    const tables = new Set(columns.map((column) => column.table_name));
    for (const expected of ['card_tokens', 'payments', 'outbox', 'idempotency_keys', 'ledger_transactions']) {
      assert.ok(tables.has(expected), `${expected} is scanned`);
    }
    const found: string[] = [];
    const patterns = traces.map((trace) => `%${trace}%`);
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await sql<{ value: string }>`
        select ${sql.ref(column)}::text as value from ${sql.table(table)}
        where ${sql.ref(column)}::text like any(${patterns})`.execute(db);
      for (const { value } of rows) {
        found.push(`${table}.${column} holds ${traces.filter((trace) => value.includes(trace)).join(', ')}`);
      }
    }
    assert.deepEqual(found, []);
    const tokens = await db
      .selectFrom('card_tokens')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(tokens.count) >= numbers.length * 2, 'the tokens were made');
  });

  it('keeps no security code column, and no plain hash of a card body', async () => {
    const db = payments.service.database.db;
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'card_tokens'`.execute(db);
    assert.deepEqual(rows.map((row) => row.column_name).sort(), [
      'brand',
      'created_at',
      'exp_month',
      'exp_year',
      'expires_at',
      'fingerprint',
      'last4',
      'token',
      'used_at',
      'user_id',
    ]);
    const hashes = await db
      .selectFrom('idempotency_keys')
      .select('request_hash')
      .where('scope', '=', 'payments.tokenise')
      .execute();
    assert.equal(hashes.length, numbers.length);
    const plain = new Set(
      numbers.map((number) =>
        hashRequest({ number, cvc: number.startsWith('37') ? '4321' : '321', ...VALID_EXPIRY }),
      ),
    );
    assert.ok(hashes.every((row) => !plain.has(row.request_hash)));
  });

  it('writes no card number to the logs, at trace level, even for malformed bodies', () => {
    const lines = payments.logs.join('');
    assert.ok(lines.includes('request refused'), 'refusals were logged');
    assert.ok(lines.includes('MALFORMED_BODY'), 'malformed bodies were logged');
    const leaked = traces.filter((trace) => lines.includes(trace));
    assert.deepEqual(leaked, []);
    for (const number of numbers) {
      const spaced = number.replace(/(\d{4})/g, '$1 ').trim();
      assert.ok(!lines.includes(spaced), 'nor with spaces');
    }
  });
});
