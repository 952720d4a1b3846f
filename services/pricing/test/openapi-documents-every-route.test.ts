import { after, before, describe, it } from 'node:test';
import { assertRoutesDocumented, type TestService } from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import { startPricing } from './fixtures/start-pricing.ts';

describe('the OpenAPI document', () => {
  let service: TestService<PricingDatabase>;
  before(async () => {
    service = await startPricing({ seed: false });
  });
  after(() => service?.close());

  it('describes every pricing route with tags and a summary, and marks admin routes as needing a token', async () => {
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
    await assertRoutesDocumented(service.url, expected, {
      needsToken: (_method, path) => path.startsWith('/admin/'),
      hidden: ['PricingService'],
    });
  });
});
