import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, type HttpServer } from '@emporium/platform/http';
import { createLogger } from '@emporium/platform/log';
import { createMetrics, registerMetricsRoute } from '@emporium/platform/metrics';

/** The sum of the samples of `name` carrying all of `labels`, or undefined when there are none. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      sum = (sum ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

describe('GET /metrics', () => {
  let app: HttpServer;
  let base: string;

  before(async () => {
    app = await createHttpServer({
      service: 'widgets',
      version: '1.0.0',
      description: 'test',
      logger: createLogger({ service: 'widgets', level: 'silent', pretty: false }),
      bodyLimit: 2048,
      readiness: [],
    });
    registerMetricsRoute(app, createMetrics({ service: 'widgets', instance: 'widgets-1' }));
    app.get('/widgets/:id', async (request) => ({ id: (request.params as { id: string }).id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => app.close());

  const scrape = async () => {
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('counts requests under the route template, with the service and instance labels', async () => {
    for (const id of ['1', '2', '3']) assert.equal((await fetch(`${base}/widgets/${id}`)).status, 200);
    const text = await scrape();
    const labels = { method: 'GET', route: '/widgets/:id', status_code: '200', service: 'widgets' };
    assert.equal(sample(text, 'http_requests_total', { ...labels, instance: 'widgets-1' }), 3);
    assert.equal(sample(text, 'http_request_duration_seconds_count', labels), 3);
    assert.ok(!text.includes('/widgets/1'), 'raw URLs never become labels');
  });

  it('reports requests no route matched as "unmatched"', async () => {
    await fetch(`${base}/no/such/${Math.random()}`);
    await fetch(`${base}/widgets/1`, { method: 'DELETE' });
    const text = await scrape();
    assert.equal(sample(text, 'http_requests_total', { route: 'unmatched', status_code: '404' }), 2);
    assert.equal(sample(text, 'http_requests_total', { method: 'DELETE', route: 'unmatched' }), 1);
  });

  it('does not count its own scrapes, and serves the default process metrics', async () => {
    await scrape();
    const text = await scrape();
    assert.equal(sample(text, 'http_requests_total', { route: '/metrics' }), undefined);
    assert.ok(sample(text, 'process_cpu_user_seconds_total', { service: 'widgets' }) !== undefined);
  });

  it('is left out of the OpenAPI document', async () => {
    const response = await fetch(`${base}/openapi.json`);
    const document: { paths: Record<string, unknown> } = JSON.parse(await response.text());
    assert.ok('/widgets/{id}' in document.paths, 'the document lists the service routes');
    assert.ok(!('/metrics' in document.paths));
  });
});

describe('createMetrics', () => {
  it('gives each service its own registry, so two in one process do not mix', async () => {
    const catalog = createMetrics({ service: 'catalog' });
    const orders = createMetrics({ service: 'orders' });
    assert.notEqual(catalog.registry, orders.registry);
    assert.match(await catalog.registry.metrics(), /service="catalog"/);
    assert.doesNotMatch(await catalog.registry.metrics(), /service="orders"/);
  });
});
