import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { emporiumPaths } from '../src/cli-settings.ts';
import { DEFAULT_CALL_TIMEOUT_MS, parseCallArgs } from '../src/commands/call-options.ts';
import { chooseRegistry } from '../src/rpc/registry-settings.ts';
import { findMethod } from '../src/rpc/rpc-contracts.ts';
import { emporiumEnv, runEmporium } from './run-emporium.ts';

let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'emporium-call-test-'));
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

test('call reads a service, a method, an optional JSON request and --timeout', () => {
  assert.deepEqual(
    parseCallArgs(['catalog', 'catalog.v1.ProductService/GetProducts', '{"skus":["A-B-0001"]}']),
    {
      action: 'call',
      service: 'catalog',
      method: 'catalog.v1.ProductService/GetProducts',
      json: '{"skus":["A-B-0001"]}',
      timeoutMs: DEFAULT_CALL_TIMEOUT_MS,
    },
  );
  const call = parseCallArgs(['identity', 'UserService/GetUser', '--timeout', '500']);
  assert.deepEqual(call.action === 'call' && [call.json, call.timeoutMs], ['{}', 500]);
  for (const argv of [
    ['catalog'],
    ['catalog', 'X/Y', '{}', 'extra'],
    ['catalog', 'X/Y', '--timeout', 'soon'],
  ]) {
    assert.throws(
      () => parseCallArgs(argv),
      (error: unknown) => error instanceof CliError && error.exitCode === 2,
      argv.join(' '),
    );
  }
});

test('a method is found by its full, short or bare name, and an unknown one lists what exists', () => {
  for (const name of [
    'emporium.catalog.v1.ProductService/GetProducts',
    'catalog.v1.ProductService/GetProducts',
    'ProductService/GetProducts',
    'catalog.v1.ProductService.GetProducts',
    'GetProducts',
  ]) {
    const lookup = findMethod('catalog', name);
    assert.equal(lookup.found && lookup.method.name, 'GetProducts', name);
  }
  const streaming = findMethod('identity', 'identity.v1.UserService/BatchGetUsers');
  assert.equal(streaming.found && streaming.method.methodKind, 'server_streaming');

  const problems = [
    findMethod('shop', 'catalog.v1.ProductService/GetProducts'),
    findMethod('catalog', 'catalog.v1.ProductService/DeleteEverything'),
    findMethod('catalog', 'identity.v1.UserService/GetUser'),
  ].map((lookup) => (lookup.found ? '' : lookup.problem));
  assert.match(
    problems[0] ?? '',
    /unknown service "shop".*identity \(identity\.v1\.UserService\/GetUser.*catalog/,
  );
  assert.match(
    problems[1] ?? '',
    /catalog\.v1\.ProductService has no method "DeleteEverything"; it has GetProducts/,
  );
  assert.match(problems[2] ?? '', /catalog does not serve identity\.v1\.UserService \(identity does\)/);
});

test("call asks the registry services would use, else the running up's, with the password from its secrets", async () => {
  const paths = emporiumPaths({ EMPORIUM_HOME: home }, '/repo');
  const given = await chooseRegistry({ REGISTRY_DATABASE_URL: 'postgres://p:pw@db/platform' }, paths);
  assert.deepEqual(given.settings, { REGISTRY_DATABASE_URL: 'postgres://p:pw@db/platform' });
  const nats = await chooseRegistry({ NATS_URL: 'nats://n:4222' }, paths);
  assert.deepEqual(nats.settings, { NATS_URL: 'nats://n:4222' });

  await assert.rejects(chooseRegistry({}, paths), (error: unknown) => {
    return (
      error instanceof CliError &&
      error.code === 'REGISTRY_UNKNOWN' &&
      /not running from/.test(error.message) &&
      /REGISTRY_DATABASE_URL=postgres:\/\/platform:/.test(error.message)
    );
  });

  const passwordFile = join(home, 'secrets', 'platform-database-password');
  await mkdir(join(home, 'secrets'), { recursive: true });
  await writeFile(passwordFile, 'se/cret\n');
  await mkdir(join(home, 'run'), { recursive: true });
  const state = (registry: unknown) =>
    writeFile(
      paths.stateFile,
      JSON.stringify({ supervisorPid: process.pid, startedAt: '', postgres: null, registry, services: [] }),
    );
  await state({ kind: 'postgres', address: 'postgres://platform@127.0.0.1:54329/platform', passwordFile });
  assert.deepEqual((await chooseRegistry({}, paths)).settings, {
    DISCOVERY: 'postgres',
    REGISTRY_DATABASE_URL: 'postgres://platform:se%2Fcret@127.0.0.1:54329/platform',
  });

  await state({
    kind: 'postgres',
    address: 'postgres://bus:***@db/platform',
    variable: 'PLATFORM_DATABASE_URL',
  });
  assert.deepEqual(
    (await chooseRegistry({ PLATFORM_DATABASE_URL: 'postgres://bus:pw@db/platform' }, paths)).settings,
    {
      DISCOVERY: 'postgres',
      REGISTRY_DATABASE_URL: 'postgres://bus:pw@db/platform',
    },
  );
  await assert.rejects(chooseRegistry({}, paths), /set PLATFORM_DATABASE_URL here too/);
  await rm(paths.stateFile);
});

test('emporium call says how to point it at a registry when nothing runs, and lists methods when one is unknown', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'emporium-call-empty-'));
  try {
    const env = emporiumEnv({ EMPORIUM_HOME: empty });
    const nothing = await runEmporium(['call', 'catalog', 'catalog.v1.ProductService/GetProducts'], env);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /no service registry to ask: Emporium is not running/);
    const unknown = await runEmporium(['call', 'catalog', 'ProductService/Nope'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no method "Nope"; it has GetProducts/);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
