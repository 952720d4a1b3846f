/**
 * The two other shapes `up` runs the same services in: replicas of one service
 * (`--scale catalog=2`), each its own process registered under its own name, and the
 * monolith topology, every service in one process. In both, `status` sees every instance
 * and `call` reaches a service over gRPC through the registry, as another service would.
 *
 * Each run gets databases of its own on the test server (given as <SERVICE>_DATABASE_URL and
 * PLATFORM_DATABASE_URL), so its registry holds its instances only, whatever runs beside it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bodyOf, createTestDatabase, jsonClient, testAdminUrl, waitFor } from '@emporium/platform/testing';
import pg from 'pg';
import {
  descendantsOf,
  emporiumEnv,
  freePort,
  freePortForReplicas,
  isGone,
  runEmporium,
  startUpUntilReady,
} from './run-emporium.ts';

interface InstanceStatus {
  name: string;
  instance: string;
  instanceId: string;
  url: string;
  rpcUrl: string;
  pid: number | null;
  ready: boolean;
  dependencies: { registry: string } | null;
}

const started = new Set<number>();
const cleanups: Array<() => Promise<void>> = [];

after(async () => {
  // Whatever a failed run left: by pid only, never by name.
  for (const pid of started) {
    if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  }
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A home, three databases and ports of its own; catalog's ports leave room for `replicas`. */
async function isolatedRun(label: string, replicas: number) {
  const home = await mkdtemp(join(tmpdir(), `emporium-${label}-test-`));
  const [identity, catalog, platform] = await Promise.all(
    ['identity', 'catalog', 'platform'].map((name) => createTestDatabase(`cli_${label}_${name}`)),
  );
  if (!identity || !catalog || !platform) throw new Error('three databases were asked for');
  cleanups.push(async () => {
    await Promise.all([identity.drop(), catalog.drop(), platform.drop()]);
    await rm(home, { recursive: true, force: true });
  });
  const catalogPort = await freePortForReplicas(replicas);
  const catalogRpcPort = await freePortForReplicas(replicas);
  const env = emporiumEnv({
    EMPORIUM_HOME: home,
    EMPORIUM_POSTGRES_URL: testAdminUrl(),
    IDENTITY_DATABASE_URL: identity.url,
    CATALOG_DATABASE_URL: catalog.url,
    PLATFORM_DATABASE_URL: platform.url,
    IDENTITY_PORT: String(await freePort()),
    IDENTITY_RPC_PORT: String(await freePort()),
    CATALOG_PORT: String(catalogPort),
    CATALOG_RPC_PORT: String(catalogRpcPort),
  });
  return { home, env, platformUrl: platform.url, catalogPort, catalogRpcPort };
}

/** `emporium up <args>` until ready; every pid it started is noted for the clean-up. */
async function startUp(args: string[], env: Record<string, string | undefined>, instances: number) {
  const ready = await startUpUntilReady({ args, env, onPid: (pid) => started.add(pid) });
  const services = (ready.status as { services: InstanceStatus[] }).services;
  assert.equal(services.length, instances);
  assert.ok(services.every((service) => service.ready));
  for (const service of services) if (service.pid !== null) started.add(service.pid);
  const descendants = ready.up.pid === undefined ? [] : await descendantsOf(ready.up.pid);
  for (const pid of descendants) started.add(pid);
  return { ...ready, services, descendants };
}

/** SIGTERM, then: exit 0, every process it started gone, the state file removed. */
async function stopUp(run: Awaited<ReturnType<typeof startUp>>, home: string): Promise<void> {
  run.up.kill('SIGTERM');
  const code = await Promise.race([
    run.exited,
    new Promise<'timeout'>((resolve) => setTimeout(resolve, 30_000, 'timeout').unref()),
  ]);
  assert.equal(code, 0, `emporium up should exit 0 within 30 s of SIGTERM\n${run.output()}`);
  // A helper process (esbuild's, under tsx) notices its parent is gone a moment later.
  const left = await waitFor(
    'every process emporium up started to be gone',
    () => {
      const alive = [...run.descendants, ...run.services.flatMap((service) => service.pid ?? [])].filter(
        (pid) => !isGone(pid),
      );
      return alive.length === 0 ? [] : false;
    },
    { timeoutMs: 5_000 },
  ).catch(() => run.descendants.filter((pid) => !isGone(pid)));
  assert.deepEqual(left, [], 'no process emporium up started is still running');
  assert.equal(existsSync(join(home, 'run', 'state.json')), false, 'the state file is removed');
  assert.match(run.output(), /stopped cleanly/);
}

async function callCatalog(
  env: Record<string, string | undefined>,
  sku: string,
): Promise<string | undefined> {
  const answer = await runEmporium(
    ['call', 'catalog', 'catalog.v1.ProductService/GetProducts', JSON.stringify({ skus: [sku] })],
    env,
  );
  assert.equal(answer.code, 0, `call failed: ${answer.stderr}`);
  return (JSON.parse(answer.stdout) as { products: Array<{ sku: string }> }).products[0]?.sku;
}

/** Server-side discovery: requests through the gateway reach every replica (each counts them in /metrics). */
async function theGatewaySpreadsOver(output: string, replicas: InstanceStatus[], sku: string): Promise<void> {
  const gatewayUrl = /started the gateway on (http:\/\/\S+) /.exec(output)?.[1];
  assert.ok(gatewayUrl, `up started the gateway\n${output}`);
  const served = async (replica: InstanceStatus) => {
    const metrics = await (await fetch(`${replica.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((row) => row.startsWith('http_requests_total{') && row.includes('route="/products/:sku"'));
    return Number(line?.split(' ').at(-1) ?? 0);
  };
  const before = await Promise.all(replicas.map(served));
  for (let i = 0; i < 4 * replicas.length; i++) {
    const answer = await fetch(`${gatewayUrl}/api/products/${sku}`);
    assert.equal(answer.status, 200);
    await answer.body?.cancel();
  }
  const after = await Promise.all(replicas.map(served));
  assert.ok(
    after.every((count, index) => count > (before[index] ?? 0)),
    `every replica served requests through the gateway (before ${before}, after ${after})`,
  );
}

async function seededSku(catalogUrl: string): Promise<string> {
  const search = await jsonClient(catalogUrl)('GET', '/products?q=wireless');
  assert.equal(search.status, 200);
  const sku = (await bodyOf<{ items: Array<{ sku: string }> }>(search)).items[0]?.sku;
  assert.ok(sku, 'the seed catalogue has wireless products');
  return sku;
}

test('up --scale catalog=2 runs two registered catalog replicas that status lists and call reaches', async () => {
  const { home, env, platformUrl, catalogPort, catalogRpcPort } = await isolatedRun('scale', 2);
  const run = await startUp(['up', '--only', 'identity,catalog', '--scale', 'catalog=2'], env, 3);

  const catalogs = run.services.filter((service) => service.name === 'catalog');
  assert.deepEqual(
    catalogs.map(({ instance, instanceId, url, rpcUrl }) => ({ instance, instanceId, url, rpcUrl })),
    [0, 1].map((index) => ({
      instance: `catalog-${index + 1}`,
      instanceId: `catalog-${index + 1}`,
      url: `http://127.0.0.1:${catalogPort + 1000 * index}`,
      rpcUrl: `http://127.0.0.1:${catalogRpcPort + 1000 * index}`,
    })),
  );
  assert.equal(new Set(catalogs.map((service) => service.pid)).size, 2, 'each replica is its own process');
  for (const service of run.services) {
    assert.equal(
      service.dependencies?.registry,
      'postgres',
      `${service.instance} answers /health/dependencies`,
    );
  }
  assert.match(run.output(), /catalog-2 +\| /, "each replica's lines carry its own prefix");

  const registered = await registeredInstances(platformUrl, 'catalog', 2);
  assert.deepEqual(
    registered,
    catalogs.map((service) => ({ id: service.instanceId, rpc_url: service.rpcUrl })),
  );

  const summaryLine = new RegExp(
    `^ {2}catalog-2 +${catalogs[1]?.url} +${catalogs[1]?.rpcUrl} +\\d+ +yes$`,
    'm',
  );
  assert.match(run.output(), summaryLine, 'the summary lists each replica with its REST and gRPC URLs');

  const sku = await seededSku(catalogs[1]?.url ?? '');
  assert.equal(await callCatalog(env, sku), sku);
  await theGatewaySpreadsOver(run.output(), catalogs, sku);

  await stopUp(run, home);
});

test('up --topology monolith hosts every service in one process, answering REST and gRPC', async () => {
  const { home, env } = await isolatedRun('monolith', 1);
  const run = await startUp(['up', '--only', 'identity,catalog', '--topology', 'monolith'], env, 2);

  const pids = new Set(run.services.map((service) => service.pid));
  assert.equal(pids.size, 1, 'one pid for every service');
  const [monolith] = pids;
  assert.ok(monolith && run.descendants.includes(monolith), 'the monolith is a child of up');
  const state = JSON.parse(await readFile(join(home, 'run', 'state.json'), 'utf8')) as { topology: string };
  assert.equal(state.topology, 'monolith');
  assert.match(run.output(), /started the monolith \(pid \d+\) hosting identity on .*catalog on/);

  const urlOf = (name: string) => run.services.find((service) => service.name === name)?.url ?? '';
  const registered = await jsonClient(urlOf('identity'))('POST', '/auth/register', {
    email: `monolith-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct-Horse-7-battery',
    name: 'Mona Lith',
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const { user } = await bodyOf<{ user: { id: string; email: string } }>(registered);

  const sku = await seededSku(urlOf('catalog'));
  assert.equal(await callCatalog(env, sku), sku);
  const streamed = await runEmporium(
    ['call', 'identity', 'identity.v1.UserService/BatchGetUsers', JSON.stringify({ ids: [user.id] })],
    env,
  );
  assert.equal(streamed.code, 0, streamed.stderr);
  const lines = streamed.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'one JSON line per streamed message');
  const message = JSON.parse(lines[0] ?? '') as { id: string; found: boolean; user?: { email: string } };
  assert.deepEqual([message.id, message.found, message.user?.email], [user.id, true, user.email]);

  await stopUp(run, home);
});

/** The live instances of `service` in the registry table, once there are `count`. */
async function registeredInstances(platformUrl: string, service: string, count: number) {
  const client = new pg.Client({ connectionString: platformUrl });
  await client.connect();
  try {
    return await waitFor(`${count} live ${service} instances in the registry`, async () => {
      const { rows } = await client.query<{ id: string; rpc_url: string }>(
        'select id, rpc_url from discovery.instances where service = $1 and expires_at > now() order by id',
        [service],
      );
      return rows.length === count ? rows : undefined;
    });
  } finally {
    await client.end();
  }
}
