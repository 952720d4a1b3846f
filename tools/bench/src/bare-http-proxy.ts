/**
 * The gateway benchmark's baseline: a bare @fastify/http-proxy in front of the catalog, with
 * nothing else (no auth, limits or tracing), in a process of its own. Prints `{"port":n}` once
 * listening. UPSTREAM: the catalog's URL.
 */
import proxy from '@fastify/http-proxy';
import { fastify } from 'fastify';

const upstream = process.env.UPSTREAM;
if (!upstream) throw new Error('UPSTREAM is required');
const app = fastify({ logger: false });
await app.register(proxy, { upstream, prefix: '/api', rewritePrefix: '' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
