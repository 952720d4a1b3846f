import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@emporium/platform/config';
import { createLogger } from '@emporium/platform/log';
import { eventBusConfig } from '@emporium/platform/messaging';
import { Type } from '@sinclair/typebox';
import { connectRegistry, type DiscoverySettings, discoveryConfig } from '../index.ts';

const schema = Type.Object({ ...eventBusConfig(), ...discoveryConfig() });
const logger = createLogger({ service: 'discovery-test', level: 'silent', pretty: false });

function settingsOf(env: Record<string, string>): DiscoverySettings {
  return loadConfig('discovery-test', schema, env);
}

/** The registry configuration gives (and closes it): its kind, or 'none'. */
async function kindOf(env: Record<string, string>): Promise<string> {
  const registry = connectRegistry(settingsOf(env), logger);
  await registry?.close();
  return registry?.kind ?? 'none';
}

function problemsOf(work: () => unknown): readonly string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

const STATIC = JSON.stringify({
  catalog: [{ rpcUrl: 'http://catalog:4102', httpUrl: 'http://catalog:4002' }],
});

describe('discovery configuration', () => {
  it('defaults to auto, a 10 s TTL and the local zone, beside the event bus variables', () => {
    const settings = settingsOf({});
    assert.equal(settings.DISCOVERY, 'auto');
    assert.equal(settings.REGISTRY_TTL_MS, 10_000);
    assert.equal(settings.ZONE, 'local');
    assert.equal(settingsOf({ NATS_URL: 'nats://bus:4222' }).NATS_URL, 'nats://bus:4222');
  });

  it('chooses nats for NATS_URL, else postgres for REGISTRY_DATABASE_URL, else none', async () => {
    const database = { REGISTRY_DATABASE_URL: 'postgres://platform:secret@127.0.0.1:5432/platform' };
    assert.equal(await kindOf({ NATS_URL: 'nats://127.0.0.1:4222', ...database }), 'nats');
    assert.equal(await kindOf(database), 'postgres');
    assert.equal(await kindOf({}), 'none');
    assert.equal(await kindOf({ DISCOVERY: 'none', NATS_URL: 'nats://127.0.0.1:4222' }), 'none');
    assert.equal(
      await kindOf({ DISCOVERY: 'postgres', NATS_URL: 'nats://127.0.0.1:4222', ...database }),
      'postgres',
    );
    assert.equal(await kindOf({ DISCOVERY: 'static', STATIC_SERVICES: STATIC }), 'static');
  });

  it('says which variable a chosen registry is missing', () => {
    for (const [kind, variable] of [
      ['postgres', 'REGISTRY_DATABASE_URL'],
      ['nats', 'NATS_URL'],
      ['static', 'STATIC_SERVICES'],
    ]) {
      assert.deepEqual(
        problemsOf(() => connectRegistry(settingsOf({ DISCOVERY: kind ?? '' }), logger)),
        [`${variable}: is required when DISCOVERY=${kind}`],
      );
    }
  });

  it('rejects unknown choices and bad values when the configuration loads', () => {
    const problems = problemsOf(() =>
      settingsOf({
        DISCOVERY: 'consul',
        REGISTRY_TTL_MS: '500',
        REGISTRY_DATABASE_URL: 'mysql://db/platform',
      }),
    );
    for (const variable of ['DISCOVERY', 'REGISTRY_TTL_MS', 'REGISTRY_DATABASE_URL']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(`${variable}:`)),
        `${variable} in ${problems.join('; ')}`,
      );
    }
  });

  it('reads STATIC_SERVICES, and says what is wrong with a bad one', async () => {
    const registry = connectRegistry(settingsOf({ DISCOVERY: 'static', STATIC_SERVICES: STATIC }), logger);
    assert.deepEqual(
      (await registry?.list('catalog'))?.map(({ rpcUrl, httpUrl }) => [rpcUrl, httpUrl]),
      [['http://catalog:4102', 'http://catalog:4002']],
    );
    const problemOf = (json: string) =>
      problemsOf(() => connectRegistry(settingsOf({ DISCOVERY: 'static', STATIC_SERVICES: json }), logger));
    assert.match(problemOf('{catalog: 1}')[0] ?? '', /^STATIC_SERVICES: is not JSON/);
    assert.match(
      problemOf('{"catalog":{"rpcUrl":"http://catalog:4102"}}')[0] ?? '',
      /^STATIC_SERVICES: expected array at \/catalog; expected an object of arrays such as \{"catalog":/,
    );
    assert.match(problemOf('{"catalog":[{"url":"http://catalog:4102"}]}')[0] ?? '', /at \/catalog\/0/);
    assert.equal(
      problemOf('{"catalog":[{"rpcUrl":"catalog:4102"}]}')[0],
      'STATIC_SERVICES: catalog[0]: rpcUrl of catalog instance catalog is not an http(s) URL: "catalog:4102"',
    );
  });
});
