/**
 * What a newcomer does first, on a fresh machine: `emporium up` with nothing configured
 * (embedded PostgreSQL, generated secrets, the event bus in the `platform` database), use
 * the services directly and through the gateway, press Ctrl-C, and find no process left behind.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { databaseUrl } from '@emporium/platform/db';
import { bodyOf, jsonClient, problemOf, waitFor } from '@emporium/platform/testing';
import pg from 'pg';
import { SERVICES, variablePrefix } from '../src/services.ts';
import { emporiumEnv, freePort, isGone, runEmporium, startUpUntilReady } from './run-emporium.ts';

interface StatusJson {
  services: Array<{ name: string; url: string; pid: number | null; ready: boolean }>;
}

interface StateJson {
  supervisorPid: number;
  postgres: { embedded: boolean; port: number; pid?: number } | null;
  services: Array<{ name: string; url: string; pid: number | null }>;
}

const started = new Set<number>();
let home: string | undefined;

after(async () => {
  // Whatever a failed run left: by pid only, never by name.
  for (const pid of started) {
    if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  }
  if (home) await rm(home, { recursive: true, force: true });
});

test('emporium up runs every service on embedded PostgreSQL, and SIGTERM stops every process', async () => {
  home = await mkdtemp(join(tmpdir(), 'emporium-up-test-'));
  const env = emporiumEnv({
    EMPORIUM_HOME: home,
    EMPORIUM_POSTGRES_PORT: String(await freePort()),
    ...(await servicePorts()),
  });

  const ready = await startUpUntilReady({ args: ['up'], env, onPid: (pid) => started.add(pid) });
  const { up, exited } = ready;
  const status = ready.status as StatusJson;
  assert.deepEqual(
    status.services.map((service) => service.name),
    SERVICES.map((service) => service.name),
  );
  assert.ok(status.services.every((service) => service.ready));
  const output = ready.output;

  const state = JSON.parse(await readFile(join(home, 'run', 'state.json'), 'utf8')) as StateJson;
  const servicePids = state.services.map((service) => service.pid).filter((pid) => pid !== null);
  const postgresPid = Number(
    (await readFile(join(home, 'postgres', 'data', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  for (const pid of [...servicePids, postgresPid]) started.add(pid);
  assert.equal(state.supervisorPid, up.pid);
  assert.equal(state.postgres?.embedded, true);
  assert.equal(state.postgres?.pid, postgresPid);
  assert.deepEqual(
    status.services.map(({ name, pid }) => ({ name, pid })),
    state.services.map(({ name, pid }) => ({ name, pid })),
  );

  const urlOf = (name: string) => status.services.find((service) => service.name === name)?.url ?? '';
  const registered = await jsonClient(urlOf('identity'))('POST', '/auth/register', {
    email: `shopper-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct-Horse-7-battery',
    name: 'Ada Shopper',
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const shopper = await bodyOf<{ user: { id: string } }>(registered);
  assert.equal(
    await sentToTheBus(home, state.postgres?.port ?? 0, shopper.user.id),
    'emporium.identity.user.registered.v1',
    "identity's relay sent UserRegistered to the bus in the platform database",
  );

  const search = await jsonClient(urlOf('catalog'))('GET', '/products?q=wireless');
  assert.equal(search.status, 200);
  const found = await bodyOf<{ items: Array<{ sku: string }>; facets: Record<string, unknown> }>(search);
  assert.ok(found.items.length > 0, 'a search for "wireless" finds products in the seed catalogue');
  assert.equal(typeof found.facets, 'object');

  // No registry variable: `call` finds the platform database from the state file, and its password in secrets/.
  const sku = found.items[0]?.sku ?? '';
  const answer = await runEmporium(
    ['call', 'catalog', 'catalog.v1.ProductService/GetProducts', JSON.stringify({ skus: [sku] })],
    env,
  );
  assert.equal(answer.code, 0, answer.stderr);
  assert.equal((JSON.parse(answer.stdout) as { products: Array<{ sku: string }> }).products[0]?.sku, sku);

  await theStorefrontApiRunsThroughTheGateway(output(), home, sku);

  assert.match(
    output(),
    /databases ready: identity, catalog, .*platform for the event bus and the service registry/,
  );
  assert.match(output(), /event bus\s+PostgreSQL \(pg-boss\) in the platform database/);
  assert.match(output(), /registry\s+PostgreSQL table in the platform database/);
  assert.match(
    output(),
    new RegExp(`catalog +${urlOf('catalog')} +http://127.0.0.1:${env.CATALOG_RPC_PORT} `),
    'the summary shows each service’s REST and gRPC URLs',
  );
  assert.match(output(), /admin@emporium\.local, password in .*identity-admin-password/);
  assert.match(output(), new RegExp(`${urlOf('catalog')}/openapi\\.json`));

  up.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(resolve, 30_000, 'timeout').unref()),
  ]);
  assert.equal(code, 0, `emporium up should exit 0 within 30 s of SIGTERM\n${output()}`);

  for (const pid of [...servicePids, postgresPid]) {
    assert.ok(isGone(pid), `process ${pid} is still running after emporium up stopped`);
  }
  assert.deepEqual(await processesMentioning(home), [], 'no process refers to EMPORIUM_HOME any more');
  assert.equal(existsSync(join(home, 'run', 'state.json')), false, 'the state file is removed');
  assert.match(output(), /stopped cleanly/);
});

/**
 * The gateway `up` started last, in front of every service: public catalogue, sign-up and
 * login, the caller's own data, refusals at the edge, the combined OpenAPI document and the
 * docs page, and HTTPS with the development certificate `up` generated.
 */
async function theStorefrontApiRunsThroughTheGateway(
  output: string,
  home: string,
  sku: string,
): Promise<void> {
  const started = /started the gateway on (http:\/\/\S+) and (https:\/\/\S+) /.exec(output);
  assert.ok(started?.[1] && started[2], `up says where the gateway listens\n${output}`);
  const [, gatewayUrl, gatewayTlsUrl] = started;
  assert.match(output, new RegExp(`gateway +${gatewayUrl} +${gatewayTlsUrl} +\\d+ +yes`));
  assert.match(output, new RegExp(`API docs +${gatewayUrl}/docs`));
  const api = jsonClient(gatewayUrl);

  const product = await api('GET', `/api/products/${sku}`);
  assert.equal(product.status, 200);
  assert.equal((await bodyOf<{ sku: string }>(product)).sku, sku);
  assert.match(product.headers.get('x-request-id') ?? '', /./);
  const search = await bodyOf<{ items: unknown[] }>(await api('GET', '/api/search?q=wireless'));
  assert.ok(search.items.length > 0);

  const email = `gateway-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct-Horse-7-battery';
  const registered = await api('POST', '/api/auth/register', { email, password, name: 'Gus Gateway' });
  assert.equal(registered.status, 201, await registered.clone().text());
  const login = await api('POST', '/api/auth/login', { email, password });
  assert.equal(login.status, 200);
  const { accessToken, user } = await bodyOf<{ accessToken: string; user: { id: string } }>(login);
  const me = await api('GET', '/api/users/me', undefined, { token: accessToken });
  assert.equal(me.status, 200);
  assert.equal((await bodyOf<{ id: string }>(me)).id, user.id);
  assert.equal((await api('GET', '/api/users/me')).status, 401);
  assert.equal((await api('GET', '/api/admin/users', undefined, { token: accessToken })).status, 403);
  const someoneElses = await api('GET', `/api/orders/${randomUUID()}`, undefined, { token: accessToken });
  assert.equal(someoneElses.status, 404, "the order service's own answer passes through the composition");
  const malformed = await api('POST', '/api/auth/login', '{"email":', {});
  assert.equal(malformed.status, 400);
  assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');
  assert.equal((await api('GET', '/api/nowhere')).status, 404);

  const adminPassword = (await readFile(join(home, 'secrets', 'identity-admin-password'), 'utf8')).trim();
  const admin = await bodyOf<{ accessToken: string }>(
    await api('POST', '/api/auth/login', { email: 'admin@emporium.local', password: adminPassword }),
  );
  assert.equal((await api('GET', '/api/admin/users', undefined, { token: admin.accessToken })).status, 200);

  const openApi = await bodyOf<{ paths: Record<string, unknown> }>(await api('GET', '/api/openapi.json'));
  for (const path of ['/api/products/{sku}', '/api/auth/login', '/api/users/me', '/api/orders/{id}']) {
    assert.ok(openApi.paths[path], `the combined OpenAPI document has ${path}`);
  }
  const docs = await api('GET', '/docs');
  assert.equal(docs.status, 200);
  assert.match(docs.headers.get('content-type') ?? '', /text\/html/);

  const ca = await readFile(join(home, 'secrets', 'gateway-tls', 'ca.pem'), 'utf8');
  const overTls = await httpsGet(`${gatewayTlsUrl}/api/products/${sku}`, ca);
  assert.equal(overTls.status, 200, 'HTTPS answers with a certificate the generated CA vouches for');
  assert.equal((JSON.parse(overTls.body) as { sku: string }).sku, sku);
  assert.match(overTls.headers['strict-transport-security'] ?? '', /max-age=/);
}

function httpsGet(
  url: string,
  ca: string,
): Promise<{ status: number; body: string; headers: Record<string, string | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          headers: response.headers as Record<string, string | undefined>,
        }),
      );
    });
    request.on('error', reject);
  });
}

/**
 * The type of the event about `subject` in identity's outbox, once its relay has marked it
 * sent: the PostgreSQL bus `up` set up in the platform database accepted it.
 */
async function sentToTheBus(home: string, port: number, subject: string): Promise<string> {
  const password = (await readFile(join(home, 'secrets', 'identity-database-password'), 'utf8')).trim();
  const client = new pg.Client({
    connectionString: databaseUrl(`postgres://127.0.0.1:${port}/postgres`, {
      database: 'identity',
      role: 'identity',
      password,
    }),
  });
  await client.connect();
  try {
    return await waitFor(`identity's outbox event about ${subject} to be sent`, async () => {
      const { rows } = await client.query<{ type: string }>(
        'select type from outbox where subject = $1 and sent_at is not null',
        [subject],
      );
      return rows[0]?.type;
    });
  } finally {
    await client.end();
  }
}

/**
 * Processes whose command line names `dir` (PostgreSQL's are started with `-D <dir>/...`),
 * so its worker processes are covered too. Linux only; elsewhere the pid checks must do.
 */
async function processesMentioning(dir: string): Promise<string[]> {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(dir)) found.push(`${entry}: ${commandLine.split('\0').join(' ')}`);
  }
  return found;
}

/** A free REST and gRPC port for every service, as `<SERVICE>_PORT` and `<SERVICE>_RPC_PORT`. */
async function servicePorts(): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const { name } of SERVICES) {
    ports[`${variablePrefix(name)}_PORT`] = String(await freePort());
    ports[`${variablePrefix(name)}_RPC_PORT`] = String(await freePort());
  }
  return ports;
}
