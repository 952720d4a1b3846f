/**
 * `npm run bench -- checkout`: whole checkouts through the running platform, from POST
 * /checkout to the order confirmed, at concurrency 1, 8 and 32, for each saga style
 * (orchestration, choreography) and topology (microservices, monolith), each started by
 * `emporium up` on databases of its own. The reference, measured in the same run on the same
 * PostgreSQL: the saga engine alone running sagas of eight no-op steps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest } from '@emporium/platform/db';
import { createLogger } from '@emporium/platform/log';
import {
  createSagaEngine,
  type SagaDefinition,
  type SagaTables,
  sagaMigrations,
} from '@emporium/platform/saga';
import { createTestDatabase, freePort, type TestDatabase, testAdminUrl } from '@emporium/platform/testing';
import { percentile } from './sample-statistics.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
/** Every service `emporium up` runs (tools/cli/src/services.ts): each gets a database of its own here. */
const SERVICES = [
  'identity',
  'catalog',
  'inventory',
  'pricing',
  'payments',
  'shipping',
  'orders',
  'notifications',
  'analytics',
];
/** A shopper whose checkout failed waits this long before the next, as a person would. */
const PAUSE_AFTER_FAILURE_MS = 250;
const LEVELS = [1, 8, 32];
const POLL_MS = 20;
const SHIP_TO = {
  name: 'Bench Shopper',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'DE',
};

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** Why the first failed checkout failed. */
  firstFailure?: string;
}

type Print = (line: string) => void;

export async function checkoutBenchmark(options: { seconds: number }, print: Print): Promise<void> {
  print(`checkout: POST /checkout until the order is confirmed, closed loop, ${options.seconds} s per level`);
  const reference = await sagaEngineReference(options.seconds);
  print(
    `saga engine alone (8 no-op steps, one PostgreSQL): ${LEVELS.map((level, i) => `c=${level} ${reference[i]?.perSecond.toFixed(0)}/s`).join(', ')}`,
  );
  const configurations = [
    { topology: 'microservices', style: 'orchestration' },
    { topology: 'microservices', style: 'choreography' },
    { topology: 'monolith', style: 'orchestration' },
    { topology: 'monolith', style: 'choreography' },
  ] as const;
  const rows: Array<{ label: string; level: number; figures: Figures }> = [];
  for (const { topology, style } of configurations) {
    const label = `${topology}, ${style}`;
    print(`starting the platform: ${label} ...`);
    const platform = await startPlatform(topology, style);
    try {
      const shoppers: Shopper[] = [];
      // A few at a time: registration hashes a password, which is slow on purpose.
      while (shoppers.length < Math.max(...LEVELS)) {
        shoppers.push(...(await Promise.all(Array.from({ length: 4 }, () => newShopper(platform)))));
      }
      const skus = await stockedSkus(platform);
      // Warm-up: connections, JIT, the first saga of each replica.
      await measureCheckouts(platform, shoppers.slice(0, 4), skus, 4, 2);
      for (const level of LEVELS) {
        const figures = await measureCheckouts(
          platform,
          shoppers.slice(0, level),
          skus,
          level,
          options.seconds,
        );
        rows.push({ label, level, figures });
        print(
          `  c=${level}: ${figures.perSecond.toFixed(1)} checkouts/s, p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms${figures.failed ? `, ${figures.failed} failed (first: ${figures.firstFailure})` : ''}`,
        );
      }
    } catch (error) {
      print(`${label} failed; the platform's last output:\n${platform.output().slice(-4000)}`);
      throw error;
    } finally {
      await platform.stop();
    }
  }
  print('');
  const base = (level: number) => rows.find((row) => row.level === level)?.figures.perSecond ?? 1;
  const header = [
    'topology, style',
    'c',
    'checkouts/s',
    'p50 ms',
    'p99 ms',
    '÷ microservices orchestration',
    '÷ saga engine alone',
    'failed',
  ];
  const table = rows.map(({ label, level, figures }) => [
    label,
    String(level),
    figures.perSecond.toFixed(1),
    figures.p50.toFixed(0),
    figures.p99.toFixed(0),
    (figures.perSecond / base(level)).toFixed(2),
    (figures.perSecond / (reference[LEVELS.indexOf(level)]?.perSecond ?? 1)).toFixed(3),
    String(figures.failed),
  ]);
  table.push(
    ...LEVELS.map((level, i) => [
      'saga engine alone (reference)',
      String(level),
      (reference[i]?.perSecond ?? 0).toFixed(1),
      (reference[i]?.p50 ?? 0).toFixed(1),
      (reference[i]?.p99 ?? 0).toFixed(1),
      '',
      '1.000',
      '0',
    ]),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  print(line(header));
  for (const row of table) print(line(row));
}

/** The engine's own rate: sagas of eight no-op steps, begun and awaited by `level` callers. */
async function sagaEngineReference(seconds: number): Promise<Figures[]> {
  const testDatabase: TestDatabase = await createTestDatabase('bench_saga');
  const database = createDatabase<SagaTables>({
    url: testDatabase.url,
    poolMax: 10,
    applicationName: 'bench-saga',
  });
  try {
    await migrateToLatest(database.db, sagaMigrations);
    const noop: SagaDefinition<{ n: number }> = {
      name: 'noop',
      timeoutMs: 60_000,
      steps: Array.from({ length: 8 }, (_, i) => ({ name: `step-${i + 1}`, action: async () => undefined })),
    };
    const engine = createSagaEngine({
      db: database.db,
      logger: createLogger({ service: 'bench-saga', level: 'warn', pretty: false }),
      owner: 'bench',
      definitions: [noop],
      concurrency: 64,
      pollMs: 1_000,
    });
    engine.start();
    try {
      const figures: Figures[] = [];
      for (const level of LEVELS) {
        figures.push(
          await closedLoop(level, seconds, async () => {
            const id = await engine.begin(noop, { n: 1 });
            engine.kick();
            const saga = await engine.settled(id, 30_000);
            if (saga?.status !== 'completed') throw new Error(`saga ${id} ended ${saga?.status}`);
            return undefined;
          }),
        );
      }
      return figures;
    } finally {
      await engine.stop();
    }
  } finally {
    await database.close();
    await testDatabase.drop();
  }
}

/** `level` callers each running `call` back to back for `seconds`; latencies of the successes. */
async function closedLoop(
  level: number,
  seconds: number,
  call: (caller: number) => Promise<number | undefined>,
) {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: level }, async (_, caller) => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          const measured = await call(caller);
          latencies.push(typeof measured === 'number' ? measured : performance.now() - begun);
        } catch (error) {
          failed++;
          firstFailure ??= (error as Error).message;
          await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_FAILURE_MS));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
    firstFailure,
  };
}

interface Platform {
  urlOf(service: string): string;
  output(): string;
  stop(): Promise<void>;
}

interface Shopper {
  token: string;
}

async function measureCheckouts(
  platform: Platform,
  shoppers: Shopper[],
  skus: string[],
  level: number,
  seconds: number,
): Promise<Figures> {
  const orders = platform.urlOf('orders');
  const payments = platform.urlOf('payments');
  return closedLoop(level, seconds, async (caller) => {
    const shopper = shoppers[caller] as Shopper;
    const sku = skus[Math.floor(Math.random() * skus.length)] ?? '';
    await call(orders, 'POST', '/cart/items', shopper.token, { sku, quantity: 1 });
    const { token: cardToken } = await call<{ token: string }>(
      payments,
      'POST',
      '/payments/tokens',
      shopper.token,
      {
        number: '4242 4242 4242 4242',
        expMonth: 12,
        expYear: new Date().getFullYear() + 3,
        cvc: '123',
      },
    );
    const begun = performance.now();
    const { orderId } = await call<{ orderId: string }>(
      orders,
      'POST',
      '/checkout',
      shopper.token,
      { shipTo: SHIP_TO, cardToken },
      randomUUID(),
    );
    for (;;) {
      const order = await call<{ status: string; cancellation: { reason: string } | null }>(
        orders,
        'GET',
        `/orders/${orderId}`,
        shopper.token,
      );
      if (order.status === 'confirmed' || order.status === 'shipped') return performance.now() - begun;
      if (order.status === 'cancelled') throw new Error(`order cancelled: ${order.cancellation?.reason}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
}

async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  key?: string,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function newShopper(platform: Platform): Promise<Shopper> {
  const email = `bench-${randomBytes(5).toString('hex')}@example.com`;
  const password = 'correct-Horse-7-battery';
  const identity = platform.urlOf('identity');
  const register = await fetch(`${identity}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Bench Shopper' }),
  });
  if (register.status !== 201) throw new Error(`register: ${register.status} ${await register.text()}`);
  const login = await fetch(`${identity}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  return { token: ((await login.json()) as { accessToken: string }).accessToken };
}

/** The 40 products of the seed catalogue with the most stock available. */
async function stockedSkus(platform: Platform): Promise<string[]> {
  const products = (await (await fetch(`${platform.urlOf('catalog')}/products?limit=100`)).json()) as {
    items: Array<{ sku: string }>;
  };
  const skus = products.items.map((item) => item.sku).slice(0, 50);
  const stock = (await (
    await fetch(`${platform.urlOf('inventory')}/stock?skus=${skus.join(',')}`)
  ).json()) as {
    items?: Array<{ sku: string; available: number }>;
  };
  const ranked = (stock.items ?? [])
    .filter((item) => item.available > 20)
    .sort((a, b) => b.available - a.available);
  if (ranked.length === 0) throw new Error('the seed catalogue has no stocked products');
  return ranked.slice(0, 40).map((item) => item.sku);
}

/** `emporium up` on fresh databases of the test server, until every instance is ready. */
async function startPlatform(
  topology: 'microservices' | 'monolith',
  style: 'orchestration' | 'choreography',
): Promise<Platform> {
  const home = await mkdtemp(join(tmpdir(), 'emporium-bench-checkout-'));
  const label = randomBytes(3).toString('hex');
  const databases = await Promise.all(
    [...SERVICES, 'platform'].map(async (name) => ({
      name,
      database: await createTestDatabase(`bench_${label}_${name}`),
    })),
  );
  const env: Record<string, string | undefined> = {
    ...process.env,
    EMPORIUM_HOME: home,
    EMPORIUM_POSTGRES_URL: testAdminUrl(),
    CHECKOUT_STYLE: style,
    LOG_LEVEL: 'warn',
    // One shopper checks out hundreds of times with one test card: no velocity fraud rule here.
    FRAUD_VELOCITY_CARD_MAX: '100000000',
    FRAUD_VELOCITY_USER_MAX: '100000000',
  };
  delete env.NATS_URL;
  for (const { name, database } of databases) {
    env[name === 'platform' ? 'PLATFORM_DATABASE_URL' : `${name.toUpperCase()}_DATABASE_URL`] = database.url;
  }
  for (const name of SERVICES) {
    env[`${name.toUpperCase()}_PORT`] = String(await freePort());
    env[`${name.toUpperCase()}_RPC_PORT`] = String(await freePort());
  }
  const up: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/cli/src/main.ts', 'up', '--topology', topology],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [up.stdout, up.stderr])
    stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => up.once('exit', () => resolve()));
  const cleanUp = async () => {
    await Promise.all(databases.map(({ database }) => database.drop().catch(() => undefined)));
    await rm(home, { recursive: true, force: true });
  };
  const deadline = Date.now() + 240_000;
  while (!/Emporium is up: /.test(output)) {
    if (up.exitCode !== null || Date.now() > deadline) {
      up.kill('SIGKILL');
      await cleanUp();
      throw new Error(`emporium up did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const state = JSON.parse(await readFile(join(home, 'run', 'state.json'), 'utf8')) as {
    services: Array<{ name: string; url: string }>;
  };
  return {
    output: () => output,
    urlOf(service) {
      const url = state.services.find((candidate) => candidate.name === service)?.url;
      if (!url) throw new Error(`${service} is not running`);
      return url;
    },
    async stop() {
      up.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 45_000))]);
      if (up.exitCode === null) up.kill('SIGKILL');
      await cleanUp();
    },
  };
}
