import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Code, createClient, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { PricingService } from '@emporium/contracts/proto/pricing/v1/pricing_service';
import { bodyOf, jsonClient, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import type { QuoteView } from './fixtures/quote-view.ts';
import { codeOf } from './fixtures/rpc-calls.ts';
import { startPricing } from './fixtures/start-pricing.ts';

// Seeded: ELEC-HEAD-0001 (headphones, 124.00 EUR, in the 15% "Audio week") and
// BOOK-FICT-0001 (fiction, in the stackable 5% "Book club").
const AUDIO_WEEK = 'promotion:5eed0000-0000-4000-8000-000000000006';

describe('pricing PricingService over gRPC and Connect', () => {
  let pricing: TestService<PricingDatabase>;
  let transports: Record<string, Transport>;
  before(async () => {
    pricing = await startPricing();
    assert.ok(pricing.rpcUrl, 'pricing serves RPCs, so it opens its gRPC port');
    transports = {
      'gRPC over h2c (RPC_PORT)': createGrpcTransport({ baseUrl: pricing.rpcUrl }),
      'Connect JSON over HTTP/1.1 (PORT)': createConnectTransport({
        baseUrl: pricing.url,
        httpVersion: '1.1',
      }),
    };
  });
  after(() => pricing.close());
  const client = () => createClient(PricingService, transports['gRPC over h2c (RPC_PORT)'] as Transport);

  for (const protocol of ['gRPC over h2c (RPC_PORT)', 'Connect JSON over HTTP/1.1 (PORT)']) {
    it(`quotes lines with named adjustments, tax and totals in Money, over ${protocol}`, async () => {
      const quote = await createClient(PricingService, transports[protocol] as Transport).quote({
        lines: [
          { sku: 'ELEC-HEAD-0001', quantity: 2 },
          { sku: 'GARD-TOOL-0001', quantity: 1 },
        ],
        currency: 'EUR',
        shipTo: { country: 'DE', city: 'Berlin', postalCode: '10115' },
      });
      const [headphones, tool] = quote.lines;
      assert.equal(headphones?.sku, 'ELEC-HEAD-0001');
      assert.deepEqual(headphones?.unitPrice, {
        $typeName: 'emporium.common.v1.Money',
        amountMinor: 12400n,
        currency: 'EUR',
      });
      assert.equal(headphones?.gross?.amountMinor, 24800n);
      assert.deepEqual(
        headphones?.adjustments.map((adjustment) => [
          adjustment.code,
          adjustment.description,
          adjustment.amount?.amountMinor,
        ]),
        [[AUDIO_WEEK, 'Audio week (15% off)', -3720n]],
      );
      assert.equal(headphones?.net?.amountMinor, 21080n);
      // 19% VAT inside 210.80: 210.80 × 19/119 = 33.657 → 33.66.
      assert.deepEqual(
        headphones?.taxes.map((tax) => [tax.name, tax.rateBps, tax.amount?.amountMinor]),
        [['DE VAT', 1900, 3366n]],
      );
      assert.equal(tool?.adjustments.length, 0);
      const net = (headphones?.net?.amountMinor ?? 0n) + (tool?.net?.amountMinor ?? 0n);
      assert.equal(quote.total?.amountMinor, net, 'tax included: the total is the sum of the nets');
      assert.equal(quote.subtotal?.amountMinor, 24800n + (tool?.gross?.amountMinor ?? 0n));
      assert.equal(quote.discountTotal?.amountMinor, -3720n);
      assert.equal(quote.taxIncluded, true);
      assert.equal(quote.couponCode, '');
      assert.equal(quote.total?.currency, 'EUR');
    });
  }

  it('answers exactly what POST /quotes answers', async () => {
    const request = {
      lines: [
        { sku: 'BOOK-FICT-0001', quantity: 3 },
        { sku: 'ELEC-HEAD-0002', quantity: 1 },
      ],
      currency: 'USD',
      couponCode: 'welcome10',
      shipTo: { country: 'US', region: 'CA' },
    };
    const grpc = await client().quote(request);
    const rest = await bodyOf<QuoteView>(await jsonClient(pricing.url)('POST', '/quotes', request));
    assert.equal(grpc.couponCode, 'WELCOME10');
    assert.equal(rest.couponCode, 'WELCOME10');
    assert.equal(grpc.taxIncluded, false);
    assert.deepEqual(
      grpc.lines.map((line) => [
        line.sku,
        Number(line.net?.amountMinor),
        line.adjustments.map((a) => a.code),
      ]),
      rest.lines.map((line) => [line.sku, line.netMinor, line.adjustments.map((a) => a.code)]),
    );
    assert.equal(Number(grpc.total?.amountMinor), rest.totalMinor);
    assert.equal(rest.totalMinor, rest.subtotalMinor + rest.discountTotalMinor + rest.taxTotalMinor);
  });

  it('refuses bad requests with INVALID_ARGUMENT naming the field', async () => {
    const line = { sku: 'ELEC-HEAD-0001', quantity: 1 };
    const shipTo = { country: 'DE' };
    const cases: Array<[object, RegExp]> = [
      [{ lines: [], currency: 'EUR', shipTo }, /^lines: give 1 to 100 lines/],
      [
        { lines: [{ ...line, quantity: 0 }], currency: 'EUR', shipTo },
        /^lines\[0\]\.quantity: must be a whole number from 1 to 999, not 0/,
      ],
      [{ lines: [{ ...line, quantity: -3 }], currency: 'EUR', shipTo }, /^lines\[0\]\.quantity/],
      [{ lines: [{ ...line, quantity: 1000 }], currency: 'EUR', shipTo }, /^lines\[0\]\.quantity/],
      [{ lines: [line, line], currency: 'EUR', shipTo }, /^lines\[1\]\.sku: ELEC-HEAD-0001 appears twice/],
      [
        { lines: [{ ...line, sku: 'elec' }], currency: 'EUR', shipTo },
        /^lines\[0\]\.sku: "elec" is not a SKU/,
      ],
      [{ lines: [line], currency: 'eur', shipTo }, /^currency: "eur" is not an ISO 4217 code/],
      [{ lines: [line], currency: 'EUR' }, /^shipTo\.country: required/],
      [{ lines: [line], currency: 'EUR', shipTo: { country: 'Germany' } }, /^shipTo\.country: "Germany"/],
      [{ lines: [line], currency: 'EUR', shipTo, couponCode: 'no spaces!' }, /^couponCode:/],
      [
        {
          lines: Array.from({ length: 101 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })),
          currency: 'EUR',
          shipTo,
        },
        /^lines: give 1 to 100 lines, not 101/,
      ],
    ];
    for (const [request, message] of cases) {
      const refused = await codeOf(client().quote(request));
      assert.equal(refused.code, Code.InvalidArgument, JSON.stringify(request).slice(0, 80));
      assert.match(refused.message, message);
    }
  });

  it('refuses what cannot be quoted with the code the contract gives, naming the problem', async () => {
    const shipTo = { country: 'DE' };
    const line = { sku: 'ELEC-HEAD-0001', quantity: 1 };
    const cases: Array<[object, Code, RegExp]> = [
      [
        { lines: [line], currency: 'JPY', shipTo },
        Code.InvalidArgument,
        /no price list in JPY; quotes can be made in EUR, GBP, USD/,
      ],
      [
        { lines: [line, { sku: 'NO-SUCH-SKU', quantity: 1 }], currency: 'EUR', shipTo },
        Code.FailedPrecondition,
        /knows no product NO-SUCH-SKU/,
      ],
      [
        { lines: [line], currency: 'EUR', shipTo: { country: 'JP' } },
        Code.FailedPrecondition,
        /no tax rule for country JP/,
      ],
      [
        { lines: [line], currency: 'USD', shipTo: { country: 'US' } },
        Code.FailedPrecondition,
        /depends on the region/,
      ],
      [
        { lines: [line], currency: 'EUR', shipTo, couponCode: 'NOPE123' },
        Code.FailedPrecondition,
        /There is no coupon NOPE123/,
      ],
      [
        { lines: [line], currency: 'EUR', shipTo, couponCode: 'SUMMER2024' },
        Code.FailedPrecondition,
        /SUMMER2024 expired at 2024-09-01/,
      ],
    ];
    for (const [request, code, message] of cases) {
      const refused = await codeOf(client().quote(request));
      assert.equal(refused.code, code, refused.message);
      assert.match(refused.message, message);
    }
  });

  it('refuses a RedeemCoupon without a coupon code or order id', async () => {
    assert.equal(
      (await codeOf(client().redeemCoupon({ couponCode: '', orderId: 'o-1' }))).code,
      Code.InvalidArgument,
    );
    const noOrder = await codeOf(client().redeemCoupon({ couponCode: 'WELCOME10', orderId: '' }));
    assert.equal(noOrder.code, Code.InvalidArgument);
    assert.match(noOrder.message, /^orderId: required/);
  });

  it('answers INVALID_ARGUMENT to a body that is not the request message', async () => {
    const response = await fetch(`${pricing.url}/${PricingService.typeName}/Quote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"lines": 42}',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'invalid_argument');
  });
});
