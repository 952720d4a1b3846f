import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import { startPricing } from './fixtures/start-pricing.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let service: TestService<PricingDatabase>;
  before(async () => {
    service = await startPricing({ seed: false });
  });
  after(() => service?.close());

  it('describes every pricing route with tags and a summary, and marks admin routes as needing a token', async () => {
    const response = await fetch(`${service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
    const expected = [
      'post /quotes',
      'get /prices/{sku}',
      'put /admin/prices/{sku}/{currency}',
      'get /admin/promotions',
      'post /admin/promotions',
      'get /admin/promotions/{id}',
      'patch /admin/promotions/{id}',
      'get /admin/tax-rules',
      'put /admin/tax-rules/{country}',
      'put /admin/tax-rules/{country}/{region}',
      'get /admin/dead-letters',
    ];
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      if (path.startsWith('/admin/')) assert.ok(operation.security?.length, `${route} needs a token`);
      else assert.equal(operation.security, undefined, `${route} is public`);
    }
    assert.ok(
      !Object.keys(paths).some((path) => path.includes('PricingService')),
      'RPC routes are not REST routes',
    );
  });
});
