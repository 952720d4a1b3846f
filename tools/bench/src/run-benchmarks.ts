/**
 * `npm run bench`: each benchmark measures its contenders in interleaved rounds within one
 * run and prints throughput ratios, since absolute numbers drift on shared machines.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createNatsTransport, createPostgresTransport } from '@emporium/platform/messaging';
import { createTestDatabase, findTestPostgres } from '@emporium/platform/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { closedLoopLoad } from './closed-loop-load.ts';
import { type BusContender, type BusFigures, insertCommitRate, measureBus } from './event-bus-benchmark.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 32;

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
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
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

async function eventBuses(): Promise<void> {
  const postgres = await findTestPostgres((line) => console.log(`  ${line}`));
  // createTestDatabase provisions on this server, as the test suite does.
  process.env.TEST_DATABASE_ADMIN_URL = postgres.adminUrl;
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
    await postgres.release();
  }
}

const only = process.argv[2];
if (!only || only === 'chassis') await chassisOverhead();
if (!only || only === 'events') await eventBuses();
