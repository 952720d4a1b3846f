import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf } from '@emporium/platform/testing';
import { type IdentityUnderTest, startIdentity } from './support/start-identity.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const PUBLIC = new Set([
  '/.well-known/jwks.json',
  '/auth/register',
  '/auth/login',
  '/auth/refresh',
  '/auth/logout',
]);

describe('the OpenAPI document', () => {
  let identity: IdentityUnderTest;
  before(async () => {
    identity = await startIdentity();
  });
  after(() => identity.close());

  it('lists every identity route with a tag and a summary, and marks those needing a token', async () => {
    const document = await bodyOf<OpenApi>(await identity.api('GET', '/openapi.json'));
    const operations = Object.entries(document.paths)
      .filter(([path]) => !path.startsWith('/health/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      );
    assert.deepEqual(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort(), [
      'DELETE /me/addresses/{id}',
      'GET /.well-known/jwks.json',
      'GET /me',
      'GET /me/addresses',
      'GET /me/preferences',
      'GET /users',
      'GET /users/{id}',
      'PATCH /me',
      'POST /auth/login',
      'POST /auth/logout',
      'POST /auth/refresh',
      'POST /auth/register',
      'POST /me/addresses',
      'POST /me/password',
      'PUT /me/addresses/{id}',
      'PUT /me/preferences',
      'PUT /users/{id}/roles',
    ]);
    for (const { path, method, operation } of operations) {
      const what = `${method} ${path}`;
      assert.ok(operation.tags?.length, `${what} has a tag`);
      assert.ok(operation.summary, `${what} has a summary`);
      assert.equal(operation.security !== undefined, !PUBLIC.has(path), `${what} security`);
    }
  });
});
