import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { type ShippingTestService, startShipping } from './fixtures/start-shipping.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let service: ShippingTestService;
  before(async () => {
    service = await startShipping();
  });
  after(() => service?.close());

  it('describes every shipping route with tags and a summary, marks the admin ones, and hides the RPCs', async () => {
    const response = await fetch(`${service.url}/openapi.json`);
    assert.equal(response.status, 200);
    const { paths } = await bodyOf<OpenApi>(response);
    const routes: Record<string, 'public' | 'admin'> = {
      'post /shipping/rates': 'public',
      'get /tracking/{trackingNumber}': 'public',
      'get /shipments/{id}/label': 'admin',
      'get /admin/shipments': 'admin',
      'get /admin/shipments/{id}': 'admin',
      'post /admin/shipments/{id}/cancel': 'admin',
      'get /admin/carriers': 'admin',
    };
    for (const [route, access] of Object.entries(routes)) {
      const [method = '', path = ''] = route.split(' ');
      const operation = paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
      assert.equal(Boolean(operation.security?.length), access === 'admin', `${route} is ${access}`);
    }
    assert.ok(!Object.keys(paths).some((path) => path.includes('ShippingService')));
  });
});
