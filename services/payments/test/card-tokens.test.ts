import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { bodyOf, problemOf, startTestTokenIssuer, type TestTokenIssuer } from '@emporium/platform/testing';
import {
  authorizeRequest,
  type CardToken,
  Code,
  codeOf,
  tokenise,
  uniqueCardNumber,
} from './fixtures/cards.ts';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';
import { createTestClock } from './fixtures/test-clock.ts';

describe('card tokens', () => {
  const time = createTestClock(new Date('2027-06-15T10:00:00Z'));
  let issuer: TestTokenIssuer;
  let payments: PaymentsUnderTest;
  before(async () => {
    issuer = await startTestTokenIssuer();
    payments = await startPayments({ IDENTITY_JWKS_URL: issuer.jwksUrl }, { clock: time.clock });
  });
  after(async () => {
    await payments?.close();
    await issuer?.close();
  });

  const post = (body: unknown, token?: string) => payments.api('POST', '/payments/tokens', body, { token });

  it('answers 201 with a single-use token, the brand, the last four digits and when it expires', async () => {
    const response = await post({
      number: '5555 5555 5555 4444',
      expMonth: 3,
      expYear: 2029,
      cvc: '737',
      holderName: 'Ada Lovelace',
    });
    assert.equal(response.status, 201, await response.clone().text());
    const token = await bodyOf<CardToken>(response);
    assert.match(token.token, /^tok_[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(
      { ...token, token: 'tok_' },
      {
        token: 'tok_',
        brand: 'mastercard',
        last4: '4444',
        expMonth: 3,
        expYear: 2029,
        expiresAt: '2027-06-15T10:15:00.000Z',
      },
    );
  });

  it('refuses a card that expired by the service clock with 422 CARD_EXPIRED, but takes one expiring this month', async () => {
    const expired = await post({ number: uniqueCardNumber(), expMonth: 5, expYear: 2027, cvc: '123' });
    assert.equal(expired.status, 422);
    const problem = await problemOf(expired);
    assert.equal(problem.code, 'CARD_EXPIRED');
    assert.match(problem.detail, /expired at the end of 05\/2027/);
    const thisMonth = await post({ number: uniqueCardNumber(), expMonth: 6, expYear: 2027, cvc: '123' });
    assert.equal(thisMonth.status, 201);
  });

  it('refuses a mistyped number, a brand the shop does not take, and a security code of the wrong length with 422', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ number: '4242424242424241', cvc: '123' }, 'CARD_NUMBER_INVALID', /mistyped digit/],
      [{ number: '4242424242424', cvc: '123' }, 'CARD_NUMBER_INVALID', /not valid|digits/],
      [
        { number: '6011111111111117', cvc: '123' },
        'CARD_BRAND_NOT_ACCEPTED',
        /Visa, Mastercard, American Express/,
      ],
      [{ number: '378282246310005', cvc: '123' }, 'CVC_INVALID', /4 digits/],
      [{ number: '4242424242424242', cvc: '1234' }, 'CVC_INVALID', /3 digits/],
    ];
    for (const [card, code, detail] of cases) {
      const response = await post({ expMonth: 12, expYear: 2030, ...card });
      assert.equal(response.status, 422, `${code}: ${await response.clone().text()}`);
      const problem = await problemOf(response);
      assert.equal(problem.code, code);
      assert.match(problem.detail, detail);
    }
  });

  it('lets a token pay once: a second Authorize with it, under another key, is refused', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    const first = await payments.payments.authorize(authorizeRequest(card.token));
    assert.equal(first.payment?.status, PaymentStatus.AUTHORIZED);
    const second = await codeOf(payments.payments.authorize(authorizeRequest(card.token)));
    assert.deepEqual(second, {
      code: Code.FailedPrecondition,
      message: 'card_token: was already used; a token pays once',
    });
  });

  it('refuses a token after 15 minutes, and one that was never issued', async () => {
    const card = await tokenise(payments.api, uniqueCardNumber());
    time.advance(15 * 60_000);
    const expired = await codeOf(payments.payments.authorize(authorizeRequest(card.token)));
    assert.equal(expired.code, Code.FailedPrecondition);
    assert.match(expired.message, /card_token: has expired/);
    const unknown = await codeOf(payments.payments.authorize(authorizeRequest(`tok_${'x'.repeat(32)}`)));
    assert.equal(unknown.code, Code.NotFound);
  });

  it('binds a token made with an access token to its user: only they may pay with it', async () => {
    const customer = await issuer.token({ roles: ['customer'] });
    const claims: { sub?: string } = JSON.parse(
      Buffer.from(customer.split('.')[1] ?? '', 'base64url').toString(),
    );
    const userId = claims.sub;
    assert.ok(userId);
    const card = await tokenise(payments.api, uniqueCardNumber(), { token: customer });
    const stranger = await codeOf(
      payments.payments.authorize(authorizeRequest(card.token, { userId: randomUUID() })),
    );
    assert.equal(stranger.code, Code.PermissionDenied);
    assert.match(stranger.message, /issued to another user/);
    const owner = await payments.payments.authorize(authorizeRequest(card.token, { userId }));
    assert.equal(owner.payment?.status, PaymentStatus.AUTHORIZED);
  });

  it('refuses a bad access token with 401 rather than making an unbound token', async () => {
    const expired = await issuer.token({ roles: ['customer'], expiresInSeconds: -60 });
    const response = await post(
      { number: uniqueCardNumber(), expMonth: 12, expYear: 2030, cvc: '123' },
      expired,
    );
    assert.equal(response.status, 401);
    assert.equal((await problemOf(response)).code, 'TOKEN_EXPIRED');
  });
});
