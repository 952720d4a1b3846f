import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { PaymentService } from '@emporium/contracts/proto/payments/v1/payment_service';
import { problemOf, startTestTokenIssuer, type TestTokenIssuer } from '@emporium/platform/testing';
import { sql } from 'kysely';
import {
  authorizeRequest,
  Code,
  codeOf,
  eur,
  tokenise,
  uniqueCardNumber,
  VALID_EXPIRY,
} from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

/** The status of one raw gRPC call whose body is not a protobuf message. */
async function grpcStatusOfGarbage(baseUrl: string, path: string): Promise<string | undefined> {
  const garbage = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const session = http2.connect(baseUrl);
  try {
    const envelope = Buffer.alloc(5 + garbage.length);
    envelope.writeUInt32BE(garbage.length, 1);
    envelope.set(garbage, 5);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    stream.end(envelope);
    return await new Promise((resolve, reject) => {
      let status: string | undefined;
      stream.on('response', (headers) => {
        status = (headers['grpc-status'] as string | undefined) ?? status;
      });
      stream.on('trailers', (trailers) => {
        status = trailers['grpc-status'] as string | undefined;
      });
      stream.on('error', reject);
      stream.on('close', () => resolve(status));
      stream.resume();
    });
  } finally {
    session.close();
  }
}

describe('bad input', () => {
  let issuer: TestTokenIssuer;
  let payments: PaymentsUnderTest;
  let admin: string;
  before(async () => {
    issuer = await startTestTokenIssuer();
    payments = await startPayments({ IDENTITY_JWKS_URL: issuer.jwksUrl });
    admin = await issuer.token({ roles: ['admin'] });
  });
  after(async () => {
    await payments?.close();
    await issuer?.close();
  });

  const counts = async () => {
    const { rows } = await sql<{ tokens: number; payments: number; entries: number; events: number }>`
      select (select count(*)::int from card_tokens) as tokens, (select count(*)::int from payments) as payments,
             (select count(*)::int from ledger_entries) as entries, (select count(*)::int from outbox) as events`.execute(
      payments.service.database.db,
    );
    return rows[0];
  };

  it('refuses malformed card bodies with 400 VALIDATION_FAILED naming the field, keeping nothing', async () => {
    const valid = { number: '4242424242424242', cvc: '123', ...VALID_EXPIRY };
    const before = await counts();
    const bodies: Record<string, [unknown, RegExp]> = {
      'no number': [{ ...valid, number: undefined }, /number is required/],
      'number as a number': [{ ...valid, number: 4242424242424242 }, /number/],
      'letters in the number': [{ ...valid, number: '4242abcd42424242' }, /number/],
      'number too short': [{ ...valid, number: '42424242' }, /number/],
      'number too long': [{ ...valid, number: '4'.repeat(40) }, /number/],
      'month 0': [{ ...valid, expMonth: 0 }, /expMonth/],
      'month 13': [{ ...valid, expMonth: 13 }, /expMonth/],
      'month as text': [{ ...valid, expMonth: '12' }, /expMonth/],
      'two-digit year': [{ ...valid, expYear: 29 }, /expYear/],
      'fractional year': [{ ...valid, expYear: 2030.5 }, /expYear/],
      'cvc of letters': [{ ...valid, cvc: 'abc' }, /cvc/],
      'cvc as a number': [{ ...valid, cvc: 123 }, /cvc/],
      'no cvc': [{ ...valid, cvc: undefined }, /cvc is required/],
      'holder name with a control character': [{ ...valid, holderName: 'Ada\u0007' }, /holderName/],
      'holder name with a NUL': [{ ...valid, holderName: 'Ada\u0000' }, /NUL/],
      'unknown field': [{ ...valid, pin: '1234' }, /pin is not a known field/],
      'an array': [[valid], /body/],
      null: [null, /body/],
    };
    for (const [what, [body, detail]] of Object.entries(bodies)) {
      const response = await payments.api('POST', '/payments/tokens', body);
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED', what);
      assert.match(problem.detail, detail, what);
    }
    const malformed = await payments.api('POST', '/payments/tokens', '{"number": "4242424242424242",');
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
    const huge = await payments.api('POST', '/payments/tokens', { ...valid, holderName: 'x'.repeat(5_000) });
    assert.equal(huge.status, 413);
    const text = await fetch(`${payments.service.url}/payments/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'number=4242424242424242',
    });
    assert.equal(text.status, 415);
    const badKey = await payments.api('POST', '/payments/tokens', valid, {
      headers: { 'idempotency-key': 'ä' },
    });
    assert.equal((await problemOf(badKey)).code, 'IDEMPOTENCY_KEY_INVALID');
    assert.deepEqual(await counts(), before);
  });

  it('refuses every malformed Authorize field with INVALID_ARGUMENT naming it, changing nothing', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const valid = authorizeRequest(card.token);
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ idempotencyKey: '' }, 'idempotency_key: is required'],
      [{ idempotencyKey: 'k'.repeat(256) }, 'idempotency_key: must be'],
      [{ idempotencyKey: 'has space' }, 'idempotency_key: must be'],
      [{ orderId: '' }, 'order_id: is required'],
      [{ orderId: "o'; drop table payments; --" }, 'order_id: must be'],
      [{ orderId: 'o'.repeat(101) }, 'order_id: must be'],
      [{ userId: '' }, 'user_id: is required'],
      [{ userId: '<script>' }, 'user_id: must be'],
      [{ cardToken: '' }, 'card_token: is required'],
      [{ cardToken: '4242424242424242' }, 'card_token: is not a card token'],
      [{ amount: undefined }, 'amount: is required'],
      [{ amount: eur(0) }, 'amount.amount_minor: must be positive'],
      [{ amount: eur(-100) }, 'amount.amount_minor: must be positive'],
      [{ amount: eur(100_000_000_001) }, 'amount.amount_minor: must be at most'],
      [{ amount: { amountMinor: 100n, currency: 'eur' } }, 'amount.currency: must be an ISO 4217 code'],
      [{ amount: { amountMinor: 100n, currency: '' } }, 'amount.currency: must be'],
      [{ billingCountry: 'Germany' }, 'billing_country: must be an ISO 3166-1 alpha-2 code'],
      [{ shippingCountry: 'de' }, 'shipping_country: must be'],
    ];
    for (const [change, message] of cases) {
      const refused = await codeOf(payments.payments.authorize({ ...valid, ...change }));
      assert.equal(refused.code, Code.InvalidArgument, `${message}: ${refused.message}`);
      assert.ok(refused.message.startsWith(message), `${refused.message} starts with ${message}`);
    }
    assert.deepEqual(await counts(), before);
    const { payment } = await payments.payments.authorize(valid);
    assert.ok(payment, 'the token was not used up by the refusals');
  });

  it('refuses malformed Capture, Void, Refund and GetPayment requests with INVALID_ARGUMENT', async () => {
    const paymentId = randomUUID();
    const key = randomUUID();
    const cases: Array<[Promise<unknown>, string]> = [
      [payments.payments.capture({ idempotencyKey: key, paymentId: 'not-a-uuid' }), 'payment_id: must be'],
      [payments.payments.capture({ idempotencyKey: key, paymentId: '' }), 'payment_id: is required'],
      [payments.payments.capture({ idempotencyKey: '', paymentId }), 'idempotency_key: is required'],
      [
        payments.payments.capture({ idempotencyKey: key, paymentId, amount: eur(0) }),
        'amount.amount_minor: must be positive',
      ],
      [
        payments.payments.void({ idempotencyKey: key, paymentId: paymentId.toUpperCase() }),
        'payment_id: must be',
      ],
      [
        payments.payments.refund({ idempotencyKey: key, paymentId, reason: 'r'.repeat(501) }),
        'reason: must be at most 500',
      ],
      [
        payments.payments.refund({ idempotencyKey: key, paymentId, reason: 'bell\u0007' }),
        'reason: must not contain',
      ],
      [
        payments.payments.refund({
          idempotencyKey: key,
          paymentId,
          amount: { amountMinor: 5n, currency: 'E' },
        }),
        'amount.currency',
      ],
      [payments.payments.getPayment({ paymentId: "1' or '1'='1" }), 'payment_id: must be'],
    ];
    for (const [call, message] of cases) {
      const refused = await codeOf(call);
      assert.equal(refused.code, Code.InvalidArgument, refused.message);
      assert.ok(refused.message.startsWith(message), `${refused.message} starts with ${message}`);
    }
  });

  it('answers INVALID_ARGUMENT to a body that is not a protobuf message', async () => {
    const rpcUrl = payments.service.rpcUrl ?? '';
    assert.equal(await grpcStatusOfGarbage(rpcUrl, `/${PaymentService.typeName}/Authorize`), '3');
    const json = await fetch(`${payments.service.url}/${PaymentService.typeName}/Capture`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"paymentId": 42',
    });
    assert.equal(json.status, 400);
  });

  it('refuses bad admin refunds with 4xx, refunding nothing', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    await payments.payments.capture({ idempotencyKey: randomUUID(), paymentId: payment.id });
    const before = await counts();
    const refund = (
      body: unknown,
      headers: Record<string, string> = { 'idempotency-key': randomUUID() },
      id = payment.id,
    ) => payments.api('POST', `/admin/payments/${id}/refund`, body, { token: admin, headers });
    const cases: Array<[Promise<Response>, number, string]> = [
      [refund({ reason: 'x', amountMinor: 0 }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x', amountMinor: -5 }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x', amountMinor: 1.5 }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x', amountMinor: '100' }), 400, 'VALIDATION_FAILED'],
      [refund({ amountMinor: 100 }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: '' }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x', currency: 'euro' }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x', extra: true }), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x' }, {}), 400, 'IDEMPOTENCY_KEY_MISSING'],
      [refund({ reason: 'x' }, { 'idempotency-key': '' }), 400, 'IDEMPOTENCY_KEY_INVALID'],
      [refund({ reason: 'x' }, undefined, 'not-a-uuid'), 400, 'VALIDATION_FAILED'],
      [refund({ reason: 'x' }, undefined, randomUUID()), 404, 'PAYMENT_NOT_FOUND'],
      [refund({ reason: 'x', currency: 'USD' }), 422, 'CURRENCY_MISMATCH'],
      [refund({ reason: 'x', amountMinor: 100, currency: 'USD' }), 422, 'CURRENCY_MISMATCH'],
      [refund({ reason: 'x', amountMinor: 13_000 }), 409, 'REFUND_EXCEEDS_CAPTURED'],
    ];
    for (const [call, status, code] of cases) {
      const response = await call;
      assert.equal(response.status, status, `${code}: ${await response.clone().text()}`);
      assert.equal((await problemOf(response)).code, code);
    }
    assert.deepEqual(await counts(), before);
  });

  it('never answers 5xx to odd paths and queries', async () => {
    for (const path of [
      '/admin/payments/%00',
      '/admin/payments/%ED%A0%80',
      `/admin/payments/${'a'.repeat(300)}`,
      '/admin/payments?limit=0',
      '/admin/payments?limit=abc',
      '/admin/payments?cursor=%00',
      '/admin/payments?orderId=%27%20or%201%3D1',
      '/admin/payments?cursor=bm90LWEtY3Vyc29y',
      '/admin/payments?unknown=1',
    ]) {
      const response = await payments.api('GET', path, undefined, { token: admin });
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
  });
});
