import assert from 'node:assert/strict';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}

/**
 * Checks a running service's `/openapi.json`: every route in `routes` ("get /products/{sku}")
 * is there with a summary and tags, asks for a bearer token exactly when `needsToken` says so,
 * and no path contains one of `hidden` (e.g. a gRPC service name: RPCs stay out of the REST doc).
 */
export async function assertRoutesDocumented(
  baseUrl: string,
  routes: readonly string[],
  options: { needsToken: (method: string, path: string) => boolean; hidden?: readonly string[] },
): Promise<void> {
  const response = await fetch(`${baseUrl}/openapi.json`);
  assert.equal(response.status, 200);
  const { paths } = (await response.json()) as { paths: Record<string, Record<string, Operation>> };
  for (const route of routes) {
    const [method = '', path = ''] = route.split(' ');
    const operation = paths[path]?.[method];
    assert.ok(operation, `${route} is documented`);
    assert.ok(operation.summary && operation.tags?.length, `${route} has a summary and tags`);
    assert.equal(Boolean(operation.security?.length), options.needsToken(method, path), `${route} security`);
  }
  for (const hidden of options.hidden ?? []) {
    assert.ok(
      !Object.keys(paths).some((path) => path.includes(hidden)),
      `${hidden} stays out of the document`,
    );
  }
}
