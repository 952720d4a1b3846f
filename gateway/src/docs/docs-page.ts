/**
 * `/docs`: Swagger UI (from the swagger-ui-dist package, served by the gateway itself, no
 * CDN) browsing the combined document at `/api/openapi.json`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DOCS_CONTENT_SECURITY_POLICY } from '../edge/security-headers.ts';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Emporium API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// A file of its own rather than an inline script, so the page's CSP needs no 'unsafe-inline' for scripts.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
});
`;

export async function registerDocsPage(app: FastifyInstance): Promise<void> {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, Buffer>();
  for (const name of Object.keys(ASSETS)) assets.set(name, await readFile(join(root, name)));

  const docsHeaders = {
    'content-security-policy': DOCS_CONTENT_SECURITY_POLICY,
    'cache-control': 'no-cache',
  };
  app.get('/docs', async (_request, reply) =>
    reply.headers(docsHeaders).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/docs/init.js', async (_request, reply) =>
    reply.headers(docsHeaders).type('text/javascript; charset=utf-8').send(INIT),
  );
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/docs/${name}`, async (_request, reply) =>
      reply
        .headers({ ...docsHeaders, 'cache-control': 'public, max-age=86400' })
        .type(type)
        .send(assets.get(name)),
    );
  }
}
