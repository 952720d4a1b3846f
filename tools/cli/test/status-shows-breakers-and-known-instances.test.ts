import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import pc from 'picocolors';
import { fetchDependencies, formatDependencies, readSnapshot } from '../src/dependency-snapshot.ts';

const plain = pc.createColors(false);

const snapshot = {
  registry: 'postgres',
  policies: [
    { target: 'identity', breaker: 'open', bulkhead: { active: 2, queued: 1, limit: 64, queue: 256 } },
  ],
  targets: [
    {
      service: 'identity',
      instances: [
        { id: 'identity-1', rpcUrl: 'http://127.0.0.1:4101', zone: 'local', pending: 2, evicted: false },
        { id: 'identity-2', rpcUrl: 'http://127.0.0.1:5101', zone: 'local', pending: 0, evicted: true },
      ],
    },
    { service: 'pricing', instances: [] },
  ],
};

test('status shows, per instance, each target with its breaker, bulkhead and known instances', () => {
  const parsed = readSnapshot(snapshot);
  assert.ok(parsed);
  const text = formatDependencies(
    [
      { instance: 'catalog-1', dependencies: { answered: true, raw: snapshot, snapshot: parsed } },
      { instance: 'catalog-2', dependencies: { answered: false, reason: 'unreachable' } },
      {
        instance: 'identity',
        dependencies: { answered: true, raw: {}, snapshot: { registry: 'none', policies: [], targets: [] } },
      },
      { instance: 'identity-2', dependencies: undefined },
    ],
    plain,
  );
  assert.match(text, /^ {2}catalog-1: registry postgres$/m);
  assert.match(text, /^ {4}target +breaker +bulkhead +instances$/m);
  assert.match(
    text,
    /^ {4}identity +open +2 active, 1 queued \(limit 64, queue 256\) +identity-1 http:\/\/127\.0\.0\.1:4101 local \(2 pending\), identity-2 http:\/\/127\.0\.0\.1:5101 local \(evicted\)$/m,
  );
  assert.match(text, /^ {4}pricing +- +- +none registered$/m, 'a watched target not yet called');
  assert.match(text, /^ {2}catalog-2: unreachable$/m);
  assert.match(text, /^ {2}identity: registry none; no outbound calls yet$/m);
  assert.match(text, /^ {2}identity-2: not running$/m);
});

test('an instance that does not answer /health/dependencies is reported, never thrown', async () => {
  const server = createServer((request, response) => {
    if (request.url === '/health/dependencies') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(snapshot));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const answer = await fetchDependencies(`http://127.0.0.1:${port}`, 2_000);
    assert.equal(answer.answered && answer.raw && answer.snapshot.policies[0]?.breaker, 'open');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  // The same port, now closed.
  assert.deepEqual(await fetchDependencies(`http://127.0.0.1:${port}`, 2_000), {
    answered: false,
    reason: 'unreachable',
  });
});
