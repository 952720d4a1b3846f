/**
 * What the gateway's tests share: a real PostgreSQL registry in a database of the test's
 * own, echo services (real HTTP servers registered in it under the names the route table
 * uses, answering with what reached them), and a gateway on free ports.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { loadConfig } from '@emporium/platform/config';
import { createPostgresRegistry, type ServiceRegistry } from '@emporium/platform/discovery';
import { createTestDatabase } from '@emporium/platform/testing';
import { type FastifyInstance, fastify } from 'fastify';
import { pino } from 'pino';
import { GatewayConfig } from '../src/config.ts';
import { type RunningGateway, startGateway } from '../src/start-gateway.ts';

export async function startTestRegistry(t: TestContext): Promise<ServiceRegistry> {
  const database = await createTestDatabase('gateway');
  const registry = createPostgresRegistry({ url: database.url, settings: { ttlMs: 1_500 } });
  t.after(async () => {
    await registry.close();
    await database.drop();
  });
  return registry;
}

/** What reached an echo service, as it answers it. */
export interface Echo {
  instance: string;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface EchoService {
  service: string;
  id: string;
  url: string;
  app: FastifyInstance;
  /** Requests that reached it, in order. */
  received: Echo[];
  /** Cuts its connections and stops it. */
  kill(): Promise<void>;
  /** From now on answers every request as a stopping Fastify does: 503, plain JSON, nothing run. */
  drain(): void;
}

/**
 * A real HTTP server registered as an instance of `service`. `/echo...` answers what it
 * received; `/slow` answers after `?ms=`; `/crash` answers 500 as text; `/busy` 503 as a
 * problem; `/openapi.json` a small document.
 */
export async function startEchoService(
  t: TestContext,
  registry: ServiceRegistry,
  service: string,
  /** What to answer instead of the echo, for a path it knows. */
  answer?: (echo: Echo) => unknown,
): Promise<EchoService> {
  const id = `${service}-${randomBytes(3).toString('hex')}`;
  const received: Echo[] = [];
  let draining = false;
  const app = fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      if (draining) {
        return reply
          .code(503)
          .header('connection', 'close')
          .send({ error: 'Service Unavailable', message: 'Service Unavailable', statusCode: 503 });
      }
      const echo: Echo = {
        instance: id,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: typeof request.body === 'string' ? request.body : '',
      };
      received.push(echo);
      const path = request.url.split('?')[0] ?? '';
      if (path.endsWith('/slow')) {
        const ms = Number(new URL(request.url, 'http://x').searchParams.get('ms') ?? 1000);
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      if (path.endsWith('/crash'))
        return reply.code(500).type('text/plain').send('TypeError: x is undefined\n    at stack');
      if (path.endsWith('/busy')) {
        return reply
          .code(503)
          .type('application/problem+json')
          .send({ type: 'urn:x', title: 'Busy', status: 503, detail: 'busy', code: 'BUSY' });
      }
      if (path === '/openapi.json') {
        return {
          openapi: '3.1.0',
          info: { title: service, version: '1', description: `the ${service} service` },
          paths: {
            '/products/{sku}': { get: { summary: `a product, as ${service} has it`, tags: ['products'] } },
            '/health/live': { get: { summary: 'live' } },
          },
        };
      }
      return answer?.(echo) ?? echo;
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const registration = await registry.register({
    service,
    id,
    httpUrl: url,
    rpcUrl: '',
    version: '1.0.0',
    zone: 'local',
  });
  let killed = false;
  t.after(async () => {
    if (!killed) await registration.deregister();
    await app.close();
  });
  return {
    service,
    id,
    url,
    app,
    received,
    drain() {
      draining = true;
    },
    async kill() {
      killed = true;
      // Connections cut mid-request, as a crash cuts them; the registry hears of it at once.
      app.server.closeAllConnections();
      await Promise.all([app.close(), registration.deregister()]);
    },
  };
}

export interface TestGateway extends RunningGateway {
  /** fetch against the plain HTTP listener. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export async function startTestGateway(
  t: TestContext,
  registry: ServiceRegistry,
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const tlsDir = await mkdtemp(join(tmpdir(), 'gateway-tls-'));
  const config = loadConfig('gateway', GatewayConfig, {
    GATEWAY_PORT: '0',
    GATEWAY_TLS_PORT: '0',
    TLS_DEV_DIR: tlsDir,
    IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
    LOG_LEVEL: 'silent',
    ACCESS_LOG: 'false',
    RATE_LIMIT_NAMESPACE: `gateway-test-${randomBytes(4).toString('hex')}:`,
    ...env,
  });
  const gateway = await startGateway(config, { registry, logger: pino({ level: 'silent' }) });
  t.after(async () => {
    await gateway.stop();
    await rm(tlsDir, { recursive: true, force: true });
  });
  return { ...gateway, fetch: (path, init) => fetch(`${gateway.url}${path}`, init) };
}
