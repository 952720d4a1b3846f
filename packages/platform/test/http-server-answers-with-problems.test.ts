import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createHttpServer,
  defineProblem,
  type HttpServer,
  PROBLEM_CONTENT_TYPE,
} from '@emporium/platform/http';
import { createLogger } from '@emporium/platform/log';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { Type } from '@sinclair/typebox';

const WidgetMissing = defineProblem('WIDGET_MISSING', 404, 'No such widget');

describe('the HTTP chassis', () => {
  let app: HttpServer;
  let base: string;
  let ready = true;

  before(async () => {
    app = await createHttpServer({
      service: 'widgets',
      version: '1.0.0',
      description: 'test',
      logger: createLogger({ service: 'widgets', level: 'silent', pretty: false }),
      bodyLimit: 2048,
      readiness: [
        {
          name: 'database',
          check: async () => {
            if (!ready) throw new Error('connection refused');
          },
        },
      ],
    });
    app.post(
      '/widgets',
      {
        schema: {
          body: Type.Object(
            { name: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 1 }) },
            { additionalProperties: false },
          ),
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => ({ ...request.body, dryRun: request.query.dryRun ?? false }),
    );
    app.get('/widgets/:id', async () => {
      throw WidgetMissing('Widget 7 does not exist');
    });
    app.get('/explode', async () => {
      throw new Error('secret internal detail');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => app.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${base}/widgets?dryRun=true`, { method: 'POST', body, headers });

  it('accepts a valid body and coerces query strings', async () => {
    const response = await post(JSON.stringify({ name: 'gear', count: 2 }));
    assert.equal(response.status, 200);
    assert.deepEqual(await bodyOf(response), { name: 'gear', count: 2, dryRun: true });
  });

  it('refuses wrong types in a body instead of coercing them, naming the field', async () => {
    const response = await post(JSON.stringify({ name: 'gear', count: '2' }));
    assert.equal(response.status, 400);
    assert.ok(response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE));
    const problem = await problemOf(response);
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.match(problem.detail, /body\.count must be integer/);
  });

  it('refuses unknown fields rather than dropping them', async () => {
    const response = await post(JSON.stringify({ name: 'gear', count: 1, admin: true }));
    assert.equal(response.status, 400);
    assert.match((await problemOf(response)).detail, /body\.admin is not a known field/);
  });

  it('answers malformed JSON, oversized bodies and other media types with 4xx problems', async () => {
    const malformed = await post('{"name": ');
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');

    const oversized = await post(JSON.stringify({ name: 'x'.repeat(4096), count: 1 }));
    assert.equal(oversized.status, 413);
    assert.equal((await problemOf(oversized)).code, 'BODY_TOO_LARGE');

    const text = await post('name=gear', { 'content-type': 'text/plain' });
    assert.equal(text.status, 415);
    assert.equal((await problemOf(text)).code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses NUL characters, which PostgreSQL text cannot hold, in bodies and query strings', async () => {
    const inBody = await post(JSON.stringify({ name: 'ge\u0000ar', count: 1 }));
    assert.equal(inBody.status, 400);
    assert.match((await problemOf(inBody)).detail, /body\.name contains a NUL character/);
    const inQuery = await fetch(`${base}/widgets/7?x=%00`);
    assert.equal(inQuery.status, 400);
  });

  it('maps a defined problem to its status and an unknown route to 404', async () => {
    const missing = await fetch(`${base}/widgets/7`);
    assert.equal(missing.status, 404);
    const problem = await problemOf(missing);
    assert.equal(problem.code, 'WIDGET_MISSING');
    assert.equal(problem.type, 'urn:emporium:problem:widget-missing');
    assert.equal(problem.detail, 'Widget 7 does not exist');
    assert.equal(problem.instance, '/widgets/7');

    const nowhere = await fetch(`${base}/nowhere`);
    assert.equal(nowhere.status, 404);
    assert.equal((await problemOf(nowhere)).code, 'ROUTE_NOT_FOUND');
  });

  it('hides the cause of an unexpected error', async () => {
    const response = await fetch(`${base}/explode`);
    assert.equal(response.status, 500);
    const body = await response.text();
    assert.doesNotMatch(body, /secret internal detail/);
    assert.equal(JSON.parse(body).code, 'INTERNAL_ERROR');
  });

  it('keeps a sane caller request id and makes one otherwise', async () => {
    const kept = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(kept.headers.get('x-request-id'), 'abc-123');
    const replaced = await fetch(`${base}/health/live`, { headers: { 'x-request-id': '<script>' } });
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('reports readiness from its checks', async () => {
    assert.equal((await fetch(`${base}/health/ready`)).status, 200);
    ready = false;
    const notReady = await fetch(`${base}/health/ready`);
    ready = true;
    assert.equal(notReady.status, 503);
    assert.deepEqual((await problemOf(notReady)).checks, { database: 'connection refused' });
  });

  it('serves an OpenAPI document of its routes', async () => {
    const document = await bodyOf<{ openapi: string; paths: Record<string, { post?: unknown }> }>(
      await fetch(`${base}/openapi.json`),
    );
    assert.equal(document.openapi, '3.1.0');
    assert.ok(document.paths['/widgets']?.post, 'POST /widgets is documented');
  });
});
