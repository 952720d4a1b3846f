/**
 * The combined OpenAPI document: each routed service's own `/openapi.json`, fetched through
 * the registry, with its paths rewritten to the public ones the route table gives them.
 * A path the gateway does not route (health, metrics, internal routes) is left out; a
 * service that does not answer is named in `x-emporium-unavailable` instead of failing the
 * whole document. Built at most once per `maxAgeMs`.
 */
import type { Logger } from '@emporium/platform/log';
import type { Upstreams } from '../proxy/upstreams.ts';
import { type GatewayRoute, ROUTES, routedServices } from '../routes/route-table.ts';

interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: Array<{ name: string; description?: string }>;
}

export interface CombinedOpenApi {
  document(): Promise<Record<string, unknown>>;
}

export function combinedOpenApi(
  upstreams: Upstreams,
  options: { version: string; logger: Logger; maxAgeMs?: number; routes?: readonly GatewayRoute[] },
): CombinedOpenApi {
  const routes = options.routes ?? ROUTES;
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  let cached: { at: number; document: Promise<Record<string, unknown>> } | undefined;

  async function fetchDocument(service: string): Promise<OpenApiDocument> {
    const answer = await upstreams.request(service, {
      method: 'GET',
      path: '/openapi.json',
      headers: { accept: 'application/json' },
      idempotent: true,
    });
    const text = await answer.body.text();
    if (answer.status !== 200) throw new Error(`${service} answered ${answer.status}`);
    return JSON.parse(text) as OpenApiDocument;
  }

  async function build(): Promise<Record<string, unknown>> {
    const services = routedServices(routes);
    const answers = await Promise.allSettled(services.map(fetchDocument));
    const paths: Record<string, Record<string, unknown>> = {};
    const schemas: Record<string, unknown> = {};
    const tags: Array<{ name: string; description?: string }> = [];
    const unavailable: string[] = [];
    answers.forEach((answer, index) => {
      const service = services[index] ?? '';
      if (answer.status === 'rejected') {
        unavailable.push(service);
        options.logger.debug({ err: answer.reason, service }, 'no OpenAPI document from the service');
        return;
      }
      const document = answer.value;
      tags.push({ name: service, description: document.info?.description });
      for (const [path, operations] of Object.entries(document.paths ?? {})) {
        const publicPath = publicPathOf(routes, service, path);
        if (!publicPath) continue;
        const merged: Record<string, unknown> = { ...paths[publicPath] };
        for (const [method, operation] of Object.entries(operations)) {
          if (typeof operation !== 'object' || operation === null) continue;
          const tagged = operation as { tags?: string[] };
          merged[method] = {
            ...tagged,
            tags: [service, ...(tagged.tags ?? []).filter((tag) => tag !== service)],
          };
        }
        paths[publicPath] = merged;
      }
      Object.assign(schemas, document.components?.schemas ?? {});
    });
    return {
      openapi: '3.1.0',
      info: {
        title: 'Emporium API',
        version: options.version,
        description:
          'Every public endpoint of Emporium, served through the API gateway. Errors are RFC 9457 problem documents.',
      },
      servers: [{ url: '/' }],
      tags,
      paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1))),
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        ...(Object.keys(schemas).length > 0 ? { schemas } : {}),
      },
      'x-emporium-unavailable': unavailable,
    };
  }

  return {
    document() {
      const now = Date.now();
      if (!cached || now - cached.at > maxAgeMs) {
        const document = build();
        cached = { at: now, document };
        // A failed build is not kept.
        document.catch(() => {
          if (cached?.document === document) cached = undefined;
        });
      }
      return cached.document;
    },
  };
}

/**
 * The public path of a service's path: under the route of that service whose upstream prefix
 * is the longest match. `{param}` segments are kept as they are.
 */
export function publicPathOf(
  routes: readonly GatewayRoute[],
  service: string,
  path: string,
): string | undefined {
  let best: GatewayRoute | undefined;
  for (const route of routes) {
    if (route.service !== service) continue;
    const under = path === route.upstream || path.startsWith(`${route.upstream}/`);
    if (under && (!best || route.upstream.length > best.upstream.length)) best = route;
  }
  return best && best.path + path.slice(best.upstream.length);
}
