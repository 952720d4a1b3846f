/**
 * Server-side discovery for the edge: every request to a service picks one of its live
 * instances from the registry (balanced, skipping evicted ones), runs under that service's
 * resilience policies (bulkhead, retries for idempotent requests, circuit breaker,
 * per-attempt timeout), and is sent over a keep-alive pool of connections to the instance.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { DiscoveryClient } from '@emporium/platform/discovery';
import type { Logger } from '@emporium/platform/log';
import type { CallPolicySettings, Resilience } from '@emporium/platform/resilience';
import { createResilience } from '@emporium/platform/resilience';
import { Pool } from 'undici';
import {
  isConnectionFailure,
  isNeverSent,
  UpstreamConnectionError,
  UpstreamServerError,
} from './upstream-errors.ts';

export interface UpstreamRequest {
  method: string;
  /** Path and query string on the service. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer | undefined;
  /** Only an idempotent request is retried (on another instance). */
  idempotent: boolean;
  /** The client went away: stop waiting. */
  signal?: AbortSignal | undefined;
  /** A policy of its own (a route allowed more time): `${service}${suffix}`. */
  policySuffix?: string | undefined;
}

/** A service's answer (below 500): stream `body` to the client, or read it. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: NodeJS.ReadableStream & { dump(): Promise<void>; text(): Promise<string> };
  instanceId: string;
}

export interface Upstreams {
  request(service: string, request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Breakers and bulkheads, for /health/dependencies. */
  resilience: Resilience;
  close(): Promise<void>;
}

export interface UpstreamsOptions {
  discovery: DiscoveryClient;
  policy: CallPolicySettings;
  /** Per policy target (`orders/checkout`): a longer timeout. */
  timeoutFor?: (target: string) => number | undefined;
  connectionsPerInstance: number;
  logger: Logger;
}

/** The most of a 5xx answer kept to pass on (a problem document is far smaller). */
const MAX_ERROR_BODY = 64 * 1024;
type SentRequest = Awaited<ReturnType<Pool['request']>> & { controller: AbortController };

/** Instances tried within one attempt when each refuses the connection. */
const MAX_UNREACHABLE_TRIES = 3;

export function createUpstreams(options: UpstreamsOptions): Upstreams {
  const { discovery, logger } = options;
  const pools = new Map<string, Pool>();
  const resilience = createResilience({
    defaults: options.policy,
    settingsFor: (target) => {
      const timeoutMs = options.timeoutFor?.(target);
      return timeoutMs === undefined ? undefined : { timeoutMs };
    },
    isFailure: (error) => error instanceof UpstreamServerError,
    isRetryable: (error) =>
      error instanceof UpstreamConnectionError || (error instanceof UpstreamServerError && error.retryable),
    // The response body streams under a signal of its own (see send), so nothing needs the abort.
    abortAttemptsOnReturn: false,
  });

  /** One keep-alive pool per instance, keyed by its announced URL (parsed once, not per request). */
  function poolFor(httpUrl: string): Pool {
    let pool = pools.get(httpUrl);
    if (!pool) {
      pool = new Pool(new URL(httpUrl).origin, {
        connections: options.connectionsPerInstance,
        keepAliveTimeout: 4_000,
        headersTimeout: 0,
        bodyTimeout: options.policy.timeoutMs * 6,
      });
      pools.set(httpUrl, pool);
    }
    return pool;
  }

  /**
   * The attempt's signal aborts once the attempt returns, and the body streams after that:
   * the request gets a signal of its own, tied to the attempt's only until the head arrives.
   */
  async function send(httpUrl: string, request: UpstreamRequest, signal: AbortSignal): Promise<SentRequest> {
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    try {
      const answer = await poolFor(httpUrl).request({
        method: request.method as 'GET',
        path: request.path,
        headers: request.headers as Record<string, string>,
        body: request.body ?? null,
        signal: controller.signal,
      });
      return Object.assign(answer, { controller });
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  return {
    resilience,
    async request(service, request) {
      const policy = resilience.policyFor(service + (request.policySuffix ?? ''));
      return policy.execute(
        async ({ signal }) => {
          let lease = await discovery.pick(service, { signal });
          let sent: SentRequest | undefined;
          // An instance that refuses the connection, or is draining, never ran the request: any
          // method may go to the next one.
          for (let tries = 1; sent === undefined; tries++) {
            try {
              sent = await send(lease.instance.httpUrl, request, signal);
              if (isDraining(sent) && tries < MAX_UNREACHABLE_TRIES) {
                await sent.body.dump().catch(() => {});
                lease.release({ evict: true });
                sent = undefined;
                lease = await discovery.pick(service, { signal });
              }
            } catch (error) {
              const broken = !signal.aborted && isConnectionFailure(error);
              lease.release({ evict: broken });
              if (broken && isNeverSent(error) && tries < MAX_UNREACHABLE_TRIES) {
                lease = await discovery.pick(service, { signal });
                continue;
              }
              if (broken) throw new UpstreamConnectionError(service, lease.instance.httpUrl, error);
              throw error;
            }
          }
          const { instance } = lease;
          const answer = sent;
          if (answer.statusCode >= 500) {
            const body = await readCapped(answer.body, MAX_ERROR_BODY).catch(() => Buffer.alloc(0));
            lease.release();
            throw new UpstreamServerError(service, answer.statusCode, answer.headers, body);
          }
          let released = false;
          const release = () => {
            if (released) return;
            released = true;
            lease.release();
          };
          answer.body.once('end', release);
          answer.body.once('close', release);
          answer.body.once('error', (error: Error) => {
            release();
            logger.debug({ err: error, service }, 'upstream body ended early');
          });
          if (request.signal) {
            const clientLeft = request.signal;
            const stop = () => answer.controller.abort(clientLeft.reason);
            clientLeft.addEventListener('abort', stop, { once: true });
            answer.body.once('close', () => clientLeft.removeEventListener('abort', stop));
          }
          return {
            status: answer.statusCode,
            headers: answer.headers,
            body: answer.body,
            instanceId: instance.id,
          };
        },
        { idempotent: request.idempotent, signal: request.signal },
      );
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close().catch(() => pool.destroy())));
      pools.clear();
    },
  };
}

/**
 * The chassis answers 503 without running the handler once a service is stopping (Fastify's
 * return503OnClosing), as plain JSON; a service's own 503 is a problem document.
 */
function isDraining(answer: SentRequest): boolean {
  return (
    answer.statusCode === 503 &&
    !String(answer.headers['content-type'] ?? '').startsWith('application/problem+json')
  );
}

async function readCapped(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}
