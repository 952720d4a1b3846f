import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { type PaymentsUnderTest, startPayments } from './fixtures/start-payments.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let payments: PaymentsUnderTest;
  before(async () => {
    payments = await startPayments();
  });
  after(() => payments?.close());

  it('describes every payments route with tags and a summary, admin routes needing a token, and no RPC route', async () => {
    const response = await fetch(`${payments.service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
    const expected = [
      'post /payments/tokens',
      'get /admin/payments',
      'get /admin/payments/{id}',
      'post /admin/payments/{id}/refund',
      'get /admin/ledger/balances',
    ];
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      if (path.startsWith('/admin'))
        assert.deepEqual(operation.security, [{ bearer: [] }], `${route} needs a token`);
    }
    assert.ok(!Object.keys(paths).some((path) => path.includes('PaymentService')));
  });
});
