import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { bodyOf, problemOf, startTestTokenIssuer, type TestTokenIssuer } from '@emporium/platform/testing';
import { authorizeRequest, eur, tokenise, uniqueCardNumber } from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

interface PaymentBody {
  id: string;
  orderId: string;
  status: string;
  captured: { amountMinor: number; currency: string };
  refunded: { amountMinor: number; currency: string };
  card: { brand: string; last4: string };
}
interface DetailBody {
  payment: PaymentBody;
  ledger: Array<{ kind: string; reason: string | null }>;
}

describe('admin routes', () => {
  let issuer: TestTokenIssuer;
  let payments: PaymentsUnderTest;
  let admin: string;
  before(async () => {
    issuer = await startTestTokenIssuer();
    payments = await startPayments({ IDENTITY_JWKS_URL: issuer.jwksUrl });
    admin = await issuer.token({ roles: ['customer', 'admin'] });
  });
  after(async () => {
    await payments?.close();
    await issuer?.close();
  });

  async function capturedPayment(orderId = `order-${randomUUID()}`, amountMinor = 10_000) {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(
      authorizeRequest(card.token, { orderId, amount: eur(amountMinor) }),
    );
    assert.ok(payment);
    await payments.payments.capture({ idempotencyKey: randomUUID(), paymentId: payment.id });
    return payment.id;
  }

  it('refuses every admin route without a token (401) and to a customer (403)', async () => {
    const id = randomUUID();
    const customer = await issuer.token({ roles: ['customer'] });
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/admin/payments'],
      ['GET', `/admin/payments/${id}`],
      ['POST', `/admin/payments/${id}/refund`, { reason: 'probe' }],
      ['GET', '/admin/ledger/balances'],
    ];
    for (const [method, path, body] of routes) {
      const headers = { 'idempotency-key': randomUUID() };
      const anonymous = await payments.api(method, path, body, { headers });
      assert.equal(anonymous.status, 401, `${method} ${path}`);
      assert.equal((await problemOf(anonymous)).code, 'AUTH_REQUIRED');
      const forbidden = await payments.api(method, path, body, { token: customer, headers });
      assert.equal(forbidden.status, 403, `${method} ${path}`);
    }
  });

  it('lists payments newest first, a page at a time, and by order', async () => {
    const orderId = `order-${randomUUID()}`;
    const ids = [
      await capturedPayment(orderId),
      await capturedPayment(orderId),
      await capturedPayment(orderId),
    ];
    await capturedPayment();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/admin/payments?orderId=${orderId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await payments.api('GET', query, undefined, { token: admin });
      assert.equal(response.status, 200, await response.clone().text());
      const page = await bodyOf<{ payments: PaymentBody[]; nextCursor: string | null }>(response);
      seen.push(...page.payments.map((payment) => payment.id));
      assert.ok(page.payments.every((payment) => payment.orderId === orderId));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());

    const all = await bodyOf<{ payments: PaymentBody[]; nextCursor: string }>(
      await payments.api('GET', '/admin/payments?limit=1', undefined, { token: admin }),
    );
    const moved = await payments.api(
      'GET',
      `/admin/payments?limit=1&orderId=${orderId}&cursor=${all.nextCursor}`,
      undefined,
      {
        token: admin,
      },
    );
    assert.equal(moved.status, 400);
    assert.equal((await problemOf(moved)).code, 'INVALID_CURSOR', 'a cursor cannot move to another listing');
  });

  it('shows one payment with its ledger, and 404 for an unknown one', async () => {
    const id = await capturedPayment();
    const detail = await bodyOf<DetailBody>(
      await payments.api('GET', `/admin/payments/${id}`, undefined, { token: admin }),
    );
    assert.equal(detail.payment.status, 'captured');
    assert.deepEqual(
      detail.ledger.map((transaction) => transaction.kind),
      ['authorization', 'capture'],
    );
    const missing = await payments.api('GET', `/admin/payments/${randomUUID()}`, undefined, { token: admin });
    assert.equal(missing.status, 404);
    assert.equal((await problemOf(missing)).code, 'PAYMENT_NOT_FOUND');
  });

  it('refunds part then the rest, replays a repeated key, and refuses what the state machine refuses with 409', async () => {
    const id = await capturedPayment(undefined, 10_000);
    const key = randomUUID();
    const refund = (body: unknown, idempotencyKey = randomUUID()) =>
      payments.api('POST', `/admin/payments/${id}/refund`, body, {
        token: admin,
        headers: { 'idempotency-key': idempotencyKey },
      });
    const part = await refund({ amountMinor: 2_500, currency: 'EUR', reason: 'damaged in transit' }, key);
    assert.equal(part.status, 200, await part.clone().text());
    const partBody = await bodyOf<DetailBody>(part);
    assert.equal(partBody.payment.status, 'partially_refunded');
    assert.deepEqual(partBody.payment.refunded, { amountMinor: 2_500, currency: 'EUR' });
    assert.equal(partBody.ledger.at(-1)?.reason, 'damaged in transit');

    const replay = await refund({ amountMinor: 2_500, currency: 'EUR', reason: 'damaged in transit' }, key);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await bodyOf<DetailBody>(replay), partBody);
    const reused = await refund({ amountMinor: 3_000, reason: 'damaged in transit' }, key);
    assert.equal(reused.status, 422);
    assert.equal((await problemOf(reused)).code, 'IDEMPOTENCY_KEY_REUSED');

    const rest = await bodyOf<DetailBody>(await refund({ reason: 'order cancelled' }));
    assert.equal(rest.payment.status, 'refunded');
    assert.equal(rest.payment.refunded.amountMinor, 10_000);

    const again = await refund({ reason: 'once more' });
    assert.equal(again.status, 409);
    const problem = await problemOf(again);
    assert.equal(problem.code, 'ILLEGAL_PAYMENT_TRANSITION');
    assert.equal(problem.paymentStatus, 'refunded');
    assert.match(
      problem.detail,
      /is refunded: only a captured or partially refunded payment can be refunded/,
    );

    const { payment } = await payments.payments.getPayment({ paymentId: id });
    assert.equal(payment?.status, PaymentStatus.REFUNDED, 'REST and gRPC see one payment');
  });

  it('refuses to refund an authorised, uncaptured payment with 409 naming its state', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const { payment } = await payments.payments.authorize(authorizeRequest(card.token));
    assert.ok(payment);
    const response = await payments.api(
      'POST',
      `/admin/payments/${payment.id}/refund`,
      { reason: 'too early' },
      {
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    assert.equal(response.status, 409);
    const problem = await problemOf(response);
    assert.equal(problem.code, 'ILLEGAL_PAYMENT_TRANSITION');
    assert.equal(problem.paymentStatus, 'authorized');
  });
});
