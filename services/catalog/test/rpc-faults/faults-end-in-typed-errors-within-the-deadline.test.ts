import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProductService } from '@emporium/contracts/proto/catalog/v1/product_service';
import { createPostgresRegistry, createStaticRegistry } from '@emporium/platform/discovery';
import { Code } from '@emporium/platform/rpc';
import { freePort, waitFor } from '@emporium/platform/testing';
import { seedCatalogue } from '../../src/store/seed/seed-catalogue.ts';
import {
  type CallOutcome,
  type CatalogCaller,
  type CatalogFleet,
  type CatalogProcess,
  connectCaller,
  settleWithin,
  startCatalogFleet,
} from './catalog-fleet.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const TTL_MS = 5_000;
const TIMEOUT_MS = 1_000;
const FIRST_ANSWER_TIMEOUT_MS = 2_000;
/** What a loaded machine may add to a timer. */
const SLACK_MS = 500;
/** Past this, a call has hung: every fault below must end well within it. */
const WATCHDOG_MS = 3 * TIMEOUT_MS + FIRST_ANSWER_TIMEOUT_MS + 2_000;
const SKU = seedCatalogue().products[0]?.sku ?? 'MISSING';
const policy = { timeoutMs: TIMEOUT_MS };

interface GarbagePeer {
  url: string;
  /** Connections the caller still holds open to it. */
  connections(): number;
  /** Connections it has accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/**
 * Peers that do not speak h2c: a TCP server answering junk bytes (and never hanging up),
 * and an HTTP/1.1 server, such as the REST port a service without RPCs registers as its
 * rpcUrl (platform/host/start-service.ts: `rpcUrl: rpcUrl ?? url`).
 */
const garbagePeers: Record<string, () => Server> = {
  'a TCP peer answering junk bytes': () =>
    createServer((socket) => {
      socket.on('error', () => {});
      socket.on('data', () => socket.write('this is not HTTP/2 \u0000\u00ff\u0013\u0037 at all\r\n'));
    }),
  'an HTTP/1.1 server': () => createHttpServer((_request, response) => response.end('hello')),
};

async function startGarbagePeer(create: () => Server): Promise<GarbagePeer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = create();
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => sockets.size,
    accepted: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('faults end in a typed error within the deadline, never in a hang', () => {
  let fleet: CatalogFleet;
  let caller: CatalogCaller;
  let instance: CatalogProcess;
  const callers: CatalogCaller[] = [];
  const report = (outcome: CallOutcome) =>
    `${JSON.stringify(outcome)}\nthe process wrote:\n${fleet.output()}`;

  before(async () => {
    fleet = await startCatalogFleet({ size: 1, ttlMs: TTL_MS });
    instance = fleet.instances[0] as CatalogProcess;
    const registry = createPostgresRegistry({ url: fleet.registryUrl, settings: { ttlMs: TTL_MS } });
    caller = connectCaller(registry, { policy, firstAnswerTimeoutMs: FIRST_ANSWER_TIMEOUT_MS });
    callers.push(caller);
    await waitFor(
      'the instance to be registered',
      async () => (await registry.list('catalog')).length === 1,
      {
        timeoutMs: 30_000,
      },
    );
  });
  after(async () => {
    for (const opened of callers) await opened.close();
    await fleet?.stop();
  });

  it('answers UNAVAILABLE naming a service nobody registered, within firstAnswerTimeoutMs', async () => {
    const misspelt = caller.clients.client(ProductService, 'catalgo');
    const outcome = await settleWithin(WATCHDOG_MS, () => misspelt.getProducts({ skus: [SKU] }));
    assert.ok(!outcome.ok && outcome.code === Code.Unavailable, report(outcome));
    assert.match(outcome.message, /no live instance of 'catalgo' is registered \(live services: catalog\)/);
    assert.ok(outcome.ms < FIRST_ANSWER_TIMEOUT_MS, `ended in ${outcome.ms} ms`);
  });

  it('answers UNAVAILABLE naming the registry when it cannot be reached', async () => {
    const closedPort = await freePort();
    const unreachable = createPostgresRegistry({
      url: `postgres://emporium:secret@127.0.0.1:${closedPort}/platform`,
      settings: { ttlMs: TTL_MS },
    });
    const lost = connectCaller(unreachable, { policy, firstAnswerTimeoutMs: FIRST_ANSWER_TIMEOUT_MS });
    callers.push(lost);
    const outcome = await settleWithin(WATCHDOG_MS, () => lost.products.getProducts({ skus: [SKU] }));
    assert.ok(!outcome.ok && outcome.code === Code.Unavailable, report(outcome));
    assert.match(
      outcome.message,
      new RegExp(`postgres service registry at postgres://127.0.0.1:${closedPort}/platform`),
    );
    assert.doesNotMatch(outcome.message, /secret/, 'the message shows no credentials');
    assert.ok(outcome.ms < FIRST_ANSWER_TIMEOUT_MS + SLACK_MS, `ended in ${outcome.ms} ms`);
  });

  it('keeps one reconnect loop for the registry however many calls fail while it is down', async () => {
    // A "database" that hangs up on every connection, so each attempt can be counted.
    const down = await startGarbagePeer(() => createServer((socket) => socket.destroy()));
    try {
      const heartbeatMs = 500;
      const registry = createPostgresRegistry({
        url: `postgres://emporium:secret@${new URL(down.url).host}/platform`,
        settings: { ttlMs: 3 * heartbeatMs, heartbeatMs },
      });
      const lost = connectCaller(registry, { policy: { ...policy, breaker: { consecutiveFailures: 100 } } });
      callers.push(lost);
      for (let n = 1; n <= 6; n++) {
        const outcome = await settleWithin(WATCHDOG_MS, () => lost.products.getProducts({ skus: [SKU] }));
        assert.ok(!outcome.ok && outcome.code === Code.Unavailable, `call ${n}: ${report(outcome)}`);
      }
      // No call from here on: what still connects is the registry's own LISTEN retry, once a
      // heartbeat. A measuring window, not a wait for something to happen.
      const before = down.accepted();
      await sleep(4 * heartbeatMs);
      const attempts = down.accepted() - before;
      assert.ok(
        attempts <= 5,
        `${attempts} connection attempts in 4 heartbeats: each failed watch() starts another LISTEN retry ` +
          'loop (registry/postgres-listener.ts start() returns early only while connected, not while a ' +
          'retry is scheduled), so a registry outage gets one more loop per failed call',
      );
    } finally {
      await down.close();
    }
  });

  for (const [peerName, create] of Object.entries(garbagePeers)) {
    it(`fails each call with a ConnectError, never a hang or a crash, when the peer is ${peerName}`, async () => {
      const peer = await startGarbagePeer(create);
      try {
        const registry = createStaticRegistry({ catalog: [{ rpcUrl: peer.url, id: 'garbage-1' }] });
        const fooled = connectCaller(registry, { policy });
        callers.push(fooled);
        // More than one: a caller keeps calling, and the second call meets what the first left.
        for (let n = 1; n <= 3; n++) {
          const outcome = await settleWithin(WATCHDOG_MS, () => fooled.products.getProducts({ skus: [SKU] }));
          assert.ok(
            !outcome.ok && !outcome.hung && outcome.code !== undefined,
            `call ${n}: ${report(outcome)}`,
          );
          // Three attempts at most, each cut at its timeout, and the backoff between them.
          assert.ok(outcome.ms < 3 * TIMEOUT_MS + SLACK_MS, `call ${n} ended in ${outcome.ms} ms`);
        }
        // A late 'error' event of the broken session lands within this test (node:test then fails
        // it with "ERR_HTTP2_ERROR: Protocol error", an uncaught exception that would end a service).
        await waitFor('the caller to drop its connections to the peer', () => peer.connections() === 0);
      } finally {
        await peer.close();
      }
    });
  }

  it('ends a call to a hanging instance at its own 200 ms deadline with DEADLINE_EXCEEDED', async () => {
    const warm = await settleWithin(WATCHDOG_MS, () => caller.products.getProducts({ skus: [SKU] }));
    assert.ok(warm.ok, `the instance answers before it hangs: ${report(warm)}`);
    await instance.pause();
    try {
      const outcome = await settleWithin(WATCHDOG_MS, () =>
        caller.products.getProducts({ skus: [SKU] }, { timeoutMs: 200 }),
      );
      assert.ok(!outcome.ok && outcome.code === Code.DeadlineExceeded, report(outcome));
      assert.ok(outcome.ms >= 180 && outcome.ms < 200 + SLACK_MS, `ended in ${outcome.ms} ms`);
    } finally {
      await instance.resume();
    }
  });

  it('left no promise rejection unhandled', () => {
    assert.deepEqual(unhandled, []);
  });
});
