import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  fastify,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import { RouteNotFound, ServiceUnavailable } from './errors.ts';
import { sendProblem, toProblemError } from './problem-details.ts';
import { refuseNulCharacters } from './refuse-nul-characters.ts';
import { validatorCompiler } from './validator-compiler.ts';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A named check behind `/health/ready`, e.g. "database": resolves when the dependency answers. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HttpServerOptions {
  service: string;
  version: string;
  description: string;
  logger: Logger;
  bodyLimit: number;
  readiness: ReadinessCheck[];
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Keeps a caller's request id when it is sane, so one id follows a request across services. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The Fastify server every service is built on: problem+json errors, strict validation,
 * health endpoints, request ids, and an OpenAPI document at `/openapi.json`.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestId,
    bodyLimit: options.bodyLimit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // JSON only: a text/plain body is refused with 415 rather than reaching a handler as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblemError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, detail: problem.message }, 'request refused');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, RouteNotFound(`There is no ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onResponse', async (request, reply) => {
    const isProbe = request.url.startsWith('/health/');
    request.log[isProbe ? 'debug' : 'info'](
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request served',
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.service, version: options.version, description: options.description },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/health/live', { schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({
    status: 'live',
  }));
  app.get(
    '/health/ready',
    { schema: { tags: ['health'], summary: 'The service can serve: its dependencies answer' } },
    async () => {
      const checks: Record<string, string> = {};
      let ready = true;
      for (const { name, check } of options.readiness) {
        try {
          await check();
          checks[name] = 'ok';
        } catch (error) {
          ready = false;
          checks[name] = (error as Error).message || 'failed';
        }
      }
      if (!ready) throw ServiceUnavailable('A dependency does not answer', { checks });
      return { status: 'ready', checks };
    },
  );

  return app;
}
