import { after, before, describe, it } from 'node:test';
import { assertRoutesDocumented, type TestService } from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

describe('the OpenAPI document', () => {
  let service: TestService<CatalogDatabase>;
  before(async () => {
    service = await startCatalog({ seed: false });
  });
  after(() => service?.close());

  it('describes every catalog route with tags and a summary, and marks admin routes as needing a token', async () => {
    const expected = [
      'get /products',
      'post /products',
      'get /products/{sku}',
      'patch /products/{sku}',
      'delete /products/{sku}',
      'get /categories',
      'post /categories',
      'get /categories/{slug}',
      'patch /categories/{slug}',
      'delete /categories/{slug}',
    ];
    await assertRoutesDocumented(service.url, expected, { needsToken: (method) => method !== 'get' });
  });
});
