/**
 * One proxied request: the client's request rewritten for the service (path, trusted
 * headers), sent through Upstreams, and the service's answer streamed back.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { identityHeaders, isIdentityHeader } from '../auth/identity-headers.ts';
import { traceparentOf } from '../edge/trace-context.ts';
import { type GatewayRoute, isSafeMethod, upstreamPath } from '../routes/route-table.ts';
import type { UpstreamResponse, Upstreams } from './upstreams.ts';

/** RFC 9110 §7.6.1: connection-specific headers are not forwarded, either way. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'forwarded',
]);

/** What the service is told: the client's headers less hop-by-hop and forged identity, plus ours. */
export function upstreamHeaders(request: FastifyRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const incoming = request.headers;
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || isIdentityHeader(name)) continue;
    headers[name] = value;
  }
  headers['x-request-id'] = request.id;
  headers.traceparent = traceparentOf(request);
  headers['x-forwarded-for'] = request.ip;
  headers['x-forwarded-proto'] = request.protocol;
  if (incoming.host) headers['x-forwarded-host'] = incoming.host;
  if (request.principal) Object.assign(headers, identityHeaders(request.principal));
  return headers;
}

/** RFC 9110 §9.2.2, and a POST that carries an Idempotency-Key (the services deduplicate it). */
export function isIdempotent(request: FastifyRequest): boolean {
  return (
    isSafeMethod(request.method) ||
    request.method === 'PUT' ||
    request.method === 'DELETE' ||
    typeof request.headers['idempotency-key'] === 'string'
  );
}

/** A signal that aborts when the client goes away before its answer is sent. */
export function clientGone(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client went away'));
  };
  reply.raw.once('close', onClose);
  request.raw.once('error', onClose);
  return controller.signal;
}

export async function forwardRequest(
  upstreams: Upstreams,
  route: GatewayRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const answer = await upstreams.request(route.service, {
    method: request.method,
    path: upstreamPath(route, request.url),
    headers: upstreamHeaders(request),
    body: Buffer.isBuffer(request.body) ? request.body : undefined,
    idempotent: isIdempotent(request),
    signal: clientGone(request, reply),
    policySuffix: route.timeoutMs === undefined ? undefined : route.path,
  });
  return sendUpstreamResponse(reply, answer, request.method === 'HEAD');
}

export async function sendUpstreamResponse(
  reply: FastifyReply,
  answer: UpstreamResponse,
  head = false,
): Promise<FastifyReply> {
  reply.code(answer.status);
  copyResponseHeaders(answer.headers, reply);
  if (head || answer.status === 204 || answer.status === 304) {
    await answer.body.dump();
    return reply.send();
  }
  return reply.send(answer.body);
}

function copyResponseHeaders(headers: IncomingHttpHeaders, reply: FastifyReply): void {
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || (HOP_BY_HOP.has(name) && name !== 'content-length')) continue;
    // The gateway's own request id and security headers win over a service's.
    if (name === 'x-request-id' || reply.hasHeader(name)) continue;
    reply.header(name, value);
  }
}
