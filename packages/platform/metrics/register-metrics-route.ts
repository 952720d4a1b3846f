import { Counter, Histogram, type Registry } from 'prom-client';
import type { HttpServer } from '../http/index.ts';
import type { Metrics } from './create-metrics.ts';

const METRICS_PATH = '/metrics';
/** Requests no route matched share one label, so probing random URLs cannot grow the series. */
const UNMATCHED = 'unmatched';

interface HttpMetrics {
  requests: Counter<'method' | 'route' | 'status_code'>;
  duration: Histogram<'method' | 'route' | 'status_code'>;
}

// One set per registry: a registry refuses a second metric of the same name.
const httpMetricsByRegistry = new WeakMap<Registry, HttpMetrics>();

function httpMetricsOf(registry: Registry): HttpMetrics {
  let found = httpMetricsByRegistry.get(registry);
  if (!found) {
    const labelNames = ['method', 'route', 'status_code'] as const;
    found = {
      requests: new Counter({
        name: 'http_requests_total',
        help: 'HTTP requests served, by route template and status',
        labelNames,
        registers: [registry],
      }),
      duration: new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Time to serve an HTTP request, by route template and status',
        labelNames,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
    };
    httpMetricsByRegistry.set(registry, found);
  }
  return found;
}

/**
 * Serves `GET /metrics` in Prometheus text format, hidden from the OpenAPI document as
 * `/openapi.json` is (it is for Prometheus, not for API clients), and records rate, errors and
 * duration of every other request under its route template (`/products/:id`), never its raw URL.
 */
export function registerMetricsRoute(app: HttpServer, metrics: Metrics): void {
  const { requests, duration } = httpMetricsOf(metrics.registry);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    // Scrapes every few seconds would drown the service's own traffic.
    if (route === METRICS_PATH) return;
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get(METRICS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
