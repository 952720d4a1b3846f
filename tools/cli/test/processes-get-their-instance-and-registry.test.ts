import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readUpSettings } from '../src/cli-settings.ts';
import { planInstances } from '../src/instance-plan.ts';
import { decodeMonolithEnvironment } from '../src/monolith/monolith-environment.ts';
import { monolithProcessSpec } from '../src/monolith/monolith-process-spec.ts';
import { type ServiceEnvironmentInputs, serviceProcessSpec } from '../src/service-process-spec.ts';
import { SERVICES, type ServiceRunContext } from '../src/services.ts';

const PLATFORM_URL = 'postgres://platform:pw@127.0.0.1:54329/platform';
// The first two services are enough to show the planning; the list grows as contexts land.
const settings = readUpSettings({}, '/repo', SERVICES.slice(0, 2), false);
const run: ServiceRunContext = {
  urlOf: (name) => settings.services.find((service) => service.definition.name === name)?.url ?? '',
  secretFile: (service, secret) => `/home/secrets/${service}-${secret}`,
  secretsDir: '/home/secrets',
  env: {},
};
const parentEnv = {
  PATH: '/usr/bin',
  PORT: '1',
  REGISTRY_DATABASE_URL_FILE: '/elsewhere',
  INSTANCE_ID: 'inherited',
};
const processInputs = { parentEnv, repoRoot: '/repo', prettyLogs: false, color: false };

function environments(scale: Map<string, number>): ServiceEnvironmentInputs[] {
  return planInstances(settings.services, scale, settings.host).map((instance) => ({
    instance,
    host: settings.host,
    databaseUrl: `postgres://${instance.service.definition.name}@db/${instance.service.definition.name}`,
    platform: { BUS_DATABASE_URL: PLATFORM_URL, REGISTRY_DATABASE_URL: PLATFORM_URL },
    run,
  }));
}

test('each instance gets its own ports and INSTANCE_ID, the registry, and the replicas one database', () => {
  const specs = environments(new Map([['catalog', 2]])).map((inputs) =>
    serviceProcessSpec(inputs, processInputs),
  );
  assert.deepEqual(
    specs.map((spec) => spec.name),
    ['identity', 'catalog-1', 'catalog-2'],
  );
  const second = specs[2];
  assert.ok(second);
  assert.equal(second.args.at(-1), 'services/catalog/src/main.ts');
  assert.equal(second.env.PORT, '5002');
  assert.equal(second.env.RPC_PORT, '5102');
  assert.equal(second.env.INSTANCE_ID, 'catalog-2');
  assert.equal(second.env.DATABASE_URL, specs[1]?.env.DATABASE_URL, 'replicas share the service database');
  assert.equal(second.env.REGISTRY_DATABASE_URL, PLATFORM_URL);
  assert.equal(second.env.BUS_DATABASE_URL, PLATFORM_URL);
  assert.equal(second.env.REGISTRY_DATABASE_URL_FILE, undefined, 'an inherited _FILE twin would win over it');
  assert.equal(second.env.IDENTITY_JWKS_URL, 'http://127.0.0.1:4001/.well-known/jwks.json');
});

test('the monolith is one process whose services each get exactly what their own process would', () => {
  const inputs = environments(new Map());
  const spec = monolithProcessSpec(inputs, processInputs);
  assert.equal(spec.name, 'monolith');
  assert.equal(spec.args.at(-1), 'tools/cli/src/monolith/monolith-main.ts');
  assert.equal(spec.env.REGISTRY_DATABASE_URL_FILE, undefined);
  assert.equal(spec.env.EMPORIUM_MONOLITH_SERVICES, 'identity,catalog');

  const plan = decodeMonolithEnvironment(spec.env);
  assert.deepEqual(plan.services, ['identity', 'catalog']);
  for (const input of inputs) {
    const name = input.instance.service.definition.name;
    const own = serviceProcessSpec(input, processInputs).env;
    const hosted = plan.environmentOf(name);
    for (const variable of [
      'PORT',
      'RPC_PORT',
      'INSTANCE_ID',
      'DATABASE_URL',
      'REGISTRY_DATABASE_URL',
      'HOST',
    ]) {
      assert.equal(hosted[variable], own[variable], `${name} ${variable}`);
    }
    assert.equal(hosted.PATH, '/usr/bin', 'the rest of the environment is shared');
    assert.equal(hosted.EMPORIUM_MONOLITH_ENV, undefined, "the monolith's own variables are not a service's");
  }
  assert.equal(plan.environmentOf('catalog').PORT, '4002');
  assert.equal(plan.environmentOf('identity').PORT, '4001');
});

test('a monolith told nothing, or something unreadable, says what is wrong', () => {
  assert.throws(() => decodeMonolithEnvironment({}), /EMPORIUM_MONOLITH_SERVICES names no service/);
  assert.throws(
    () => decodeMonolithEnvironment({ EMPORIUM_MONOLITH_SERVICES: 'catalog', EMPORIUM_MONOLITH_ENV: '{' }),
    /EMPORIUM_MONOLITH_ENV is not JSON/,
  );
  assert.throws(
    () =>
      decodeMonolithEnvironment({
        EMPORIUM_MONOLITH_SERVICES: 'catalog',
        EMPORIUM_MONOLITH_ENV: '{"catalog":{"PORT":4002}}',
      }),
    /EMPORIUM_MONOLITH_ENV\.catalog must be an object of string variables/,
  );
});
