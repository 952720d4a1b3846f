/**
 * HTTPS with the development certificate the gateway generates on first start (and keeps:
 * a restart serves the same one), and the docs: the combined OpenAPI document of every
 * service with public paths, and the Swagger UI page.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { Agent, fetch as undiciFetch } from 'undici';
import { type Echo, startEchoService, startTestGateway, startTestRegistry } from './gateway-test-kit.ts';

test('HTTPS answers with the generated certificate, kept across restarts', async (t) => {
  const registry = await startTestRegistry(t);
  await startEchoService(t, registry, 'catalog');
  const first = await startTestGateway(t, registry);
  assert.ok(first.tlsUrl && first.caPath && first.ca);
  const agent = new Agent({ connect: { ca: first.ca } });
  t.after(() => agent.close());
  const answer = await undiciFetch(`${first.tlsUrl}/api/products/ABC`, { dispatcher: agent });
  assert.equal(answer.status, 200);
  assert.equal(((await answer.json()) as Echo).url, '/products/ABC');
  assert.match(answer.headers.get('strict-transport-security') ?? '', /max-age=\d+/);

  const untrusted = await undiciFetch(`${first.tlsUrl}/api/products/ABC`).catch((error: Error) => error);
  assert.ok(untrusted instanceof Error, 'a client that does not trust the development CA is refused');

  // A second gateway on the same directory serves the certificate the first one generated.
  const dir = join(first.caPath, '..');
  const certificate = await readFile(join(dir, 'cert.pem'), 'utf8');
  const again = await startTestGateway(t, registry, { TLS_DEV_DIR: dir });
  assert.equal(again.ca, first.ca);
  const served = new X509Certificate(certificate);
  assert.ok(served.checkIssued(new X509Certificate(first.ca)));
  assert.match(served.subjectAltName ?? '', /DNS:localhost/);
});

test('the combined OpenAPI document shows every service under its public paths, and /docs browses it', async (t) => {
  const registry = await startTestRegistry(t);
  await startEchoService(t, registry, 'catalog');
  await startEchoService(t, registry, 'identity');
  const gateway = await startTestGateway(t, registry);

  const document = await bodyOf<{
    paths: Record<string, unknown>;
    tags: Array<{ name: string }>;
    'x-emporium-unavailable': string[];
  }>(await gateway.fetch('/api/openapi.json'));
  // Both echo services document /products/{sku} and /health/live: only catalog's products are routed.
  assert.deepEqual(Object.keys(document.paths), ['/api/products/{sku}']);
  const operation = (document.paths['/api/products/{sku}'] as { get: { summary: string; tags: string[] } })
    .get;
  assert.equal(operation.summary, 'a product, as catalog has it');
  assert.deepEqual(operation.tags, ['catalog', 'products']);
  assert.deepEqual(document.tags.map((tag) => tag.name).sort(), ['catalog', 'identity']);
  assert.ok(document['x-emporium-unavailable'].includes('orders'), 'a service that is not running is named');

  const page = await gateway.fetch('/docs');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /swagger-ui-bundle\.js/);
  const script = await gateway.fetch('/docs/swagger-ui-bundle.js');
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
});
