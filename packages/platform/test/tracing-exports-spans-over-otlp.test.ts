import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, waitFor } from '@emporium/platform/testing';

describe('tracing', () => {
  const exports: Buffer[] = [];
  let collector: Server;
  let child: ChildProcess | undefined;
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase('tracing');
    // A stand-in OTLP/HTTP collector: it keeps every protobuf export it receives.
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') exports.push(Buffer.concat(chunks));
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await new Promise((resolve) => collector.close(resolve));
    await database.drop();
  });

  it("exports the service's spans, continuing the caller's trace, with its database query", async () => {
    const { port: collectorPort } = collector.address() as AddressInfo;
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        '@emporium/platform/tracing/register',
        join(import.meta.dirname, 'fixtures', 'traced-service.ts'),
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          OTEL_SERVICE_NAME: 'traced-fixture',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const started = child;
    const port = await new Promise<number>((resolve, reject) => {
      started.stdout?.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()).port));
      started.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });

    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`http://127.0.0.1:${port}/answer`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    assert.deepEqual(await response.json(), { answer: 42 });

    started.kill('SIGTERM');
    const received = await waitFor('spans at the collector', () => {
      const all = Buffer.concat(exports);
      return all.includes(Buffer.from(traceId, 'hex')) && all.includes('select 42') ? all : undefined;
    });
    assert.ok(received.includes('traced-fixture'), 'the resource names the service');
    assert.ok(received.includes('GET'), 'the inbound HTTP request is a span');
  });
});
