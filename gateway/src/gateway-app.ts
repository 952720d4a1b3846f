/**
 * One listener's Fastify application (the gateway runs two, plain HTTP and HTTPS, sharing
 * one GatewayCore). In the order a request meets them: CORS, request id and security
 * headers, header-flood and path checks, access check (route table), rate limit (route
 * class), body parsing (size limit, JSON syntax), then the proxy, the composed order page,
 * or the gateway's own pages (OpenAPI, docs, health).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'node:https';
import type { DiscoveryClient, ServiceRegistry } from '@emporium/platform/discovery';
import {
  HttpErrors,
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  sendProblem,
  toProblemError,
} from '@emporium/platform/http';
import type { Logger } from '@emporium/platform/log';
import type { TokenVerifier } from '@emporium/platform/security';
import cors from '@fastify/cors';
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  fastify,
  LogController,
} from 'fastify';
import type { Redis } from 'ioredis';
import { checkAccess } from './auth/check-access.ts';
import { composeOrderPage, type OrderPageParts } from './composition/order-page.ts';
import type { GatewayConfig } from './config.ts';
import type { CombinedOpenApi } from './docs/combined-openapi.ts';
import { registerDocsPage } from './docs/docs-page.ts';
import { setSecurityHeaders } from './edge/security-headers.ts';
import { traceOf } from './edge/trace-context.ts';
import { TooManyHeaders } from './errors.ts';
import { forwardRequest } from './proxy/forward-request.ts';
import { unknownUpstreamFailure, upstreamProblem } from './proxy/upstream-problem.ts';
import type { Upstreams } from './proxy/upstreams.ts';
import { failedTokenLimit, type RateLimits, registerRateLimits } from './rate-limit/rate-limits.ts';
import { accessFor, type GatewayRoute, ROUTES, rateClassFor } from './routes/route-table.ts';
import type { TlsMaterial } from './tls/dev-certificate.ts';

/** What both listeners share: one registry view, one set of breakers, one token cache, one rate-limit store. */
export interface GatewayCore {
  config: GatewayConfig;
  logger: Logger;
  registry: ServiceRegistry;
  discovery: DiscoveryClient;
  upstreams: Upstreams;
  verifyToken: TokenVerifier;
  orderParts: OrderPageParts;
  openApi: CombinedOpenApi;
  rateLimits: RateLimits;
  redis: Redis | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    gatewayRoute?: GatewayRoute;
  }
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** `..` or `.` as a path segment, plain or percent-encoded: never forwarded. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$|\?)/i;

function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function buildGatewayApp(core: GatewayCore, tls?: TlsMaterial): Promise<FastifyInstance> {
  const { config, logger } = core;
  const serverOptions = {
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    maxHeaderSize: config.MAX_HEADER_BYTES,
    // How often Node checks for slow clients (headersTimeout, requestTimeout); its default is 30 s.
    connectionsCheckingInterval: 1_000,
  };
  const https: ServerOptions | null = tls ? { ...serverOptions, cert: tls.cert, key: tls.key } : null;
  const app = fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestId,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 200 },
    ...(https ? { https } : { http: serverOptions }),
  });
  // Node drops headers past maxHeadersCount silently; one more than allowed lets us see a flood and refuse it.
  app.server.maxHeadersCount = config.MAX_HEADERS_COUNT + 1;
  app.server.headersTimeout = config.HEADERS_TIMEOUT_MS;

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblemError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const retryAfter = problem.extensions.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      HttpErrors.RouteNotFound(
        `There is no ${request.method} ${request.url.split('?')[0]}; see /api/openapi.json`,
      ),
    ),
  );

  await app.register(cors, {
    origin: config.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    credentials: true,
    methods: [...METHODS, 'OPTIONS'],
    exposedHeaders: [
      'x-request-id',
      'x-cart-id',
      'idempotent-replayed',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
    ],
    maxAge: 600,
  });

  // Set once the rate-limit plugin is registered (below); requests arrive only after that.
  let countFailedToken: ((request: FastifyRequest) => Promise<ProblemError | undefined>) | undefined;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const trace = traceOf(request);
    reply.header('traceresponse', `00-${trace.traceId}-${trace.spanId}-${trace.flags}`);
    setSecurityHeaders(reply, tls !== undefined);
    if (request.raw.rawHeaders.length / 2 > config.MAX_HEADERS_COUNT) {
      reply.header('connection', 'close');
      throw TooManyHeaders(`Send at most ${config.MAX_HEADERS_COUNT} headers`);
    }
    const route = request.routeOptions.config.gatewayRoute;
    if (!route) return;
    if (DOT_SEGMENT.test(request.url)) {
      throw HttpErrors.RouteNotFound('Paths with "." or ".." segments are not served');
    }
    try {
      await checkAccess(request, accessFor(route, request.method), core.verifyToken);
    } catch (error) {
      const tooMany =
        error instanceof ProblemError && error.status === 401 && (await countFailedToken?.(request));
      throw tooMany || error;
    }
  });
  if (config.ACCESS_LOG) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request served',
      );
    });
  }

  await registerRateLimits(app, {
    limits: core.rateLimits,
    redis: core.redis,
    namespace: config.RATE_LIMIT_NAMESPACE,
  });
  countFailedToken = failedTokenLimit(app, core.rateLimits);
  registerBodyParsers(app);

  for (const route of ROUTES) {
    for (const method of route.methods ?? METHODS) {
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          return await forwardRequest(core.upstreams, route, request, reply);
        } catch (error) {
          return answerUpstreamFailure(error, route.service, request, reply);
        }
      };
      const config = { gatewayRoute: route, rateClass: rateClassFor(route, method) };
      app.route({ method, url: route.path, config, handler });
      app.route({ method, url: `${route.path}/*`, config, handler });
    }
  }

  const ordersRoute = ROUTES.find((route) => route.path === '/api/orders');
  if (!ordersRoute) throw new Error('the route table has no /api/orders');
  app.get<{ Params: { id: string } }>(
    '/api/orders/:id',
    { config: { gatewayRoute: ordersRoute, rateClass: rateClassFor(ordersRoute, 'GET') } },
    async (request, reply) => {
      try {
        return await composeOrderPage(core.upstreams, core.orderParts, request, reply);
      } catch (error) {
        return answerUpstreamFailure(error, 'orders', request, reply);
      }
    },
  );

  app.get('/api/openapi.json', { config: { rateClass: 'read' } }, async () => core.openApi.document());
  await registerDocsPage(app);

  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health/ready', async () => {
    try {
      await withTimeout(core.registry.listAll(), 2_000, 'the service registry did not answer within 2 s');
    } catch (error) {
      throw HttpErrors.ServiceUnavailable('The service registry does not answer', {
        checks: { registry: (error as Error).message },
      });
    }
    return { status: 'ready', checks: { registry: 'ok' } };
  });
  app.get('/health/dependencies', async () => ({
    registry: core.registry.kind,
    policies: core.upstreams.resilience.snapshot(),
    targets: core.discovery.snapshot(),
  }));
  return app;
}

/** Bodies are checked here and forwarded as the bytes the client sent. */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const checkJson = (
    _request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    if (body.length === 0) return done(null, undefined);
    try {
      JSON.parse(body.toString());
    } catch (error) {
      return done(
        HttpErrors.MalformedBody(`The request body is not valid JSON: ${(error as Error).message}`),
      );
    }
    done(null, body);
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, checkJson);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json/, { parseAs: 'buffer' }, checkJson);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body: Buffer, done) => done(null, body));
}

function answerUpstreamFailure(
  error: unknown,
  service: string,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | never {
  if (error instanceof ProblemError) throw error;
  const mapped = upstreamProblem(error, service);
  if (mapped instanceof ProblemError) {
    request.log.warn({ err: error, service, code: mapped.code }, 'upstream call failed');
    throw mapped;
  }
  if (mapped) {
    return reply
      .code(mapped.status)
      .header('retry-after', String(mapped.retryAfterSeconds))
      .type(PROBLEM_CONTENT_TYPE)
      .send(mapped.body);
  }
  // The client left first: nobody is waiting for an answer, and nothing failed on our side.
  if (reply.raw.destroyed) request.log.debug({ err: error, service }, 'client left before the answer');
  else request.log.error({ err: error, service }, 'upstream call failed unexpectedly');
  throw unknownUpstreamFailure(service);
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
