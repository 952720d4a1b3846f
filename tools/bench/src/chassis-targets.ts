/**
 * The servers the chassis benchmark compares, run in their own process so the load
 * generator does not share a core with them: the same validated JSON endpoint served by
 * raw node:http, by bare Fastify, and by the Emporium chassis (strict validation, problem
 * handler, request ids, response logging hooks). Prints their ports as one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@emporium/platform/http';
import { createLogger } from '@emporium/platform/log';
import { Type } from '@sinclair/typebox';
import { fastify } from 'fastify';

const Order = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 40 }),
    quantity: Type.Integer({ minimum: 1, maximum: 99 }),
  },
  { additionalProperties: false },
);
const route = { schema: { body: Order } };

const raw = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk;
  });
  request.on('end', () => {
    const { sku, quantity } = JSON.parse(body) as { sku: string; quantity: number };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ sku, quantity, accepted: true }));
  });
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

const bare = fastify();
bare.post('/orders', route, async (request) => ({ ...(request.body as object), accepted: true }));
await bare.listen({ port: 0, host: '127.0.0.1' });

const chassis = await createHttpServer({
  service: 'bench',
  version: '0',
  description: 'benchmark target',
  logger: createLogger({ service: 'bench', level: 'warn', pretty: false }),
  bodyLimit: 1_048_576,
  readiness: [],
});
chassis.post('/orders', route, async (request) => ({ ...request.body, accepted: true }));
await chassis.listen({ port: 0, host: '127.0.0.1' });

const port = (address: AddressInfo | string | null) =>
  typeof address === 'object' && address ? address.port : 0;
process.stdout.write(
  `${JSON.stringify({
    'node:http': port(raw.address()),
    fastify: port(bare.server.address()),
    chassis: port(chassis.server.address()),
  })}\n`,
);
process.once('SIGTERM', () => process.exit(0));
