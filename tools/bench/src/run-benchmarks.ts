/**
 * `npm run bench`: each benchmark measures its contenders in interleaved rounds within one
 * run and prints throughput ratios, since absolute numbers drift on shared machines.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createCatalogModule } from '@emporium/catalog';
import { createNatsTransport, createPostgresTransport } from '@emporium/platform/messaging';
import {
  createTestDatabase,
  findTestPostgres,
  startTestService,
  type TestPostgres,
} from '@emporium/platform/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { request } from 'undici';
import { checkoutBenchmark } from './checkout-benchmark.ts';
import { closedLoopLoad } from './closed-loop-load.ts';
import { type BusContender, type BusFigures, insertCommitRate, measureBus } from './event-bus-benchmark.ts';
import { gatewayBenchmark } from './gateway-benchmark.ts';
import { measureRpc, printRpcTable, rpcFootnotes } from './rpc-benchmark.ts';
import { listedSkus, type RpcContender, rpcContenders } from './rpc-contenders.ts';
import { median } from './sample-statistics.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 32;
const RPC_SKUS = 10;
// The services' default (DATABASE_POOL_MAX), not the test fixtures' 5.
const RPC_POOL_MAX = 10;

async function chassisOverhead(): Promise<void> {
  const targets = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'chassis-targets.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const ports = await new Promise<Record<string, number>>((resolve, reject) => {
      targets.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
      targets.once('exit', (code) => reject(new Error(`benchmark targets exited with ${code}`)));
    });
    const body = JSON.stringify({ sku: 'ELEC-HEAD-0007', quantity: 2 });
    const perSecond: Record<string, number[]> = Object.fromEntries(
      Object.keys(ports).map((name) => [name, []]),
    );
    console.log(
      `chassis overhead: POST /orders with a validated JSON body, ${CONNECTIONS} connections, ` +
        `${ROUNDS} interleaved rounds of ${SECONDS} s each`,
    );
    // Warm-up: JIT, connection pools and Fastify's compiled validators, not measured.
    for (const port of Object.values(ports)) {
      await closedLoopLoad(
        `http://127.0.0.1:${port}`,
        { method: 'POST', path: '/orders', body },
        {
          connections: CONNECTIONS,
          seconds: 1,
        },
      );
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, port] of Object.entries(ports)) {
        const result = await closedLoopLoad(
          `http://127.0.0.1:${port}`,
          { method: 'POST', path: '/orders', body },
          { connections: CONNECTIONS, seconds: SECONDS },
        );
        if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests`);
        perSecond[name]?.push(result.requests / result.seconds);
      }
      process.stdout.write(`  round ${round}/${ROUNDS} done\n`);
    }
    const chassis = median(perSecond.chassis ?? []);
    for (const [name, values] of Object.entries(perSecond)) {
      const rate = median(values);
      console.log(
        `  ${name.padEnd(10)} ${rate.toFixed(0).padStart(7)} req/s   chassis / ${name}: ${(chassis / rate).toFixed(2)}`,
      );
    }
  } finally {
    targets.kill('SIGTERM');
  }
}

async function natsAvailable(url: string): Promise<boolean> {
  try {
    await (await connect({ servers: url, timeout: 2_000, reconnect: false })).close();
    return true;
  } catch {
    return false;
  }
}

async function eventBuses(postgres: TestPostgres): Promise<void> {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const streamPrefix = `BENCH_${randomBytes(4).toString('hex').toUpperCase()}`;
  const busDatabase = await createTestDatabase('bench_bus');
  try {
    const contenders: BusContender[] = [
      { name: 'postgres (pg-boss)', connect: () => createPostgresTransport({ url: busDatabase.url }) },
    ];
    if (await natsAvailable(natsUrl)) {
      contenders.push({
        name: 'nats (JetStream)',
        connect: () => createNatsTransport({ servers: natsUrl, streamPrefix }),
      });
    } else {
      console.log(`  skipped nats: no server at ${natsUrl} (set NATS_URL)`);
    }
    const fixedRate = Number(process.env.BENCH_EVENT_RATE ?? 200);
    const settings = {
      saturationEvents: Number(process.env.BENCH_EVENTS ?? 2000),
      fixedRate,
      fixedSeconds: SECONDS,
    };
    console.log(
      `\nevent bus: outbox insert -> relay -> bus -> inbox + handler commit, on ${postgres.description}; ` +
        `${settings.saturationEvents} events at saturation, ${fixedRate}/s for ${SECONDS} s for lag`,
    );
    const reference = await insertCommitRate(SECONDS);
    console.log(
      `  reference: PostgreSQL single-row insert-commit, 8 connections: ${reference.toFixed(0)} rows/s`,
    );
    const figures: BusFigures[] = [];
    for (const contender of contenders) {
      for (const groups of [1, 2]) {
        figures.push(await measureBus(contender, groups, settings));
        process.stdout.write(`  measured ${contender.name}, ${groups} group(s)\n`);
      }
    }
    console.log(
      `\n  ${'transport'.padEnd(20)} groups  events/s  / insert-commit   lag p50   lag p99 (at ${fixedRate}/s)`,
    );
    for (const figure of figures) {
      console.log(
        `  ${figure.name.padEnd(20)} ${String(figure.groups).padStart(6)} ${figure.saturationPerSecond.toFixed(0).padStart(9)}` +
          ` ${(figure.saturationPerSecond / reference).toFixed(2).padStart(16)}` +
          ` ${figure.lagP50Ms.toFixed(1).padStart(7)} ms ${figure.lagP99Ms.toFixed(1).padStart(7)} ms`,
      );
    }
  } finally {
    await busDatabase.drop();
    if (await natsAvailable(natsUrl)) {
      const connection = await connect({ servers: natsUrl });
      const manager = await jetstreamManager(connection);
      for await (const stream of manager.streams.list()) {
        if (stream.config.name.startsWith(streamPrefix)) await manager.streams.delete(stream.config.name);
      }
      await connection.close();
    }
  }
}

async function rpcTransports(postgres: TestPostgres): Promise<void> {
  const settings = {
    concurrencies: [1, 32],
    rounds: ROUNDS,
    // 2 s, not 3: five contenders at two concurrencies in three rounds measure for 60 s, and the
    // whole benchmark stays near 75 s on an idle machine.
    seconds: Number(process.env.BENCH_SECONDS ?? 2),
    warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 0.5),
  };
  const catalog = await startTestService(
    createCatalogModule({
      IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      SEED_CATALOGUE: true,
    }),
    { DATABASE_POOL_MAX: RPC_POOL_MAX },
  );
  const contenders: RpcContender[] = [];
  try {
    const { rpcUrl } = catalog;
    if (!rpcUrl) throw new Error('catalog opened no gRPC port');
    // The products GetProducts asks for are this listing page's, so the REST request returns them too.
    const restPath = `/products?sort=name&limit=${RPC_SKUS}`;
    const skus = listedSkus(await (await request(`${catalog.url}${restPath}`)).body.json());
    if (skus.length !== RPC_SKUS)
      throw new Error(`the seeded catalog listed ${skus.length} products, not ${RPC_SKUS}`);
    contenders.push(
      ...rpcContenders(
        { ...catalog, rpcUrl },
        { skus, restPath, maxConcurrency: Math.max(...settings.concurrencies) },
      ),
    );
    console.log(
      `\nrpc: catalog GetProducts for ${RPC_SKUS} seeded SKUs, catalog in this process (database pool ` +
        `${RPC_POOL_MAX}) on ${postgres.description}; ` +
        `concurrency ${settings.concurrencies.join(' and ')}, ${settings.rounds} interleaved rounds of ${settings.seconds} s each`,
    );
    const figures = await measureRpc(contenders, settings, (line) => console.log(`  ${line}`));
    console.log('');
    printRpcTable(figures, (line) => console.log(line));
    console.log('');
    for (const line of rpcFootnotes(restPath)) console.log(`  ${line}`);
  } finally {
    for (const contender of contenders) await contender.close();
    await catalog.close();
  }
}

async function gateway(postgres: TestPostgres): Promise<void> {
  const catalog = await startTestService(
    createCatalogModule({
      IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      SEED_CATALOGUE: true,
    }),
    { DATABASE_POOL_MAX: RPC_POOL_MAX },
  );
  try {
    console.log(`\ncatalog in this process on ${postgres.description}`);
    await gatewayBenchmark(catalog, { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS }, (line) =>
      console.log(line === '' ? '' : `  ${line}`),
    );
  } finally {
    await catalog.close();
  }
}

const BENCHMARKS = ['chassis', 'events', 'rpc', 'gateway', 'checkout'];
const only = process.argv[2];
if (only && !BENCHMARKS.includes(only)) {
  console.error(`no benchmark '${only}': pick one of ${BENCHMARKS.join(', ')}, or none for all`);
  process.exit(2);
}
const runs = (name: string) => !only || only === name;
if (runs('chassis')) await chassisOverhead();
if (runs('events') || runs('rpc') || runs('gateway') || runs('checkout')) {
  const postgres = await findTestPostgres((line) => console.log(`  ${line}`));
  // createTestDatabase provisions on this server, as the test suite does.
  process.env.TEST_DATABASE_ADMIN_URL = postgres.adminUrl;
  try {
    if (runs('events')) await eventBuses(postgres);
    if (runs('rpc')) await rpcTransports(postgres);
    if (runs('gateway')) await gateway(postgres);
    if (runs('checkout'))
      await checkoutBenchmark({ seconds: Number(process.env.BENCH_CHECKOUT_SECONDS ?? 10) }, (line) =>
        console.log(line),
      );
  } finally {
    await postgres.release();
  }
}
