import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, type TestService } from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let service: TestService<CatalogDatabase>;
  before(async () => {
    service = await startCatalog({ seed: false });
  });
  after(() => service?.close());

  it('describes every catalog route with tags and a summary, and marks admin routes as needing a token', async () => {
    const response = await fetch(`${service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
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
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      if (method !== 'get') assert.ok(operation.security?.length, `${route} needs a token`);
    }
  });
});
