import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { readUpSettings } from '../src/cli-settings.ts';
import { parseUpOptions, selectServices } from '../src/commands/up-options.ts';
import { planInstances } from '../src/instance-plan.ts';
import { SERVICES } from '../src/services.ts';
import { emporiumEnv, runEmporium } from './run-emporium.ts';

// The first two services are enough to show the planning; the list grows as contexts land.
const settingsFrom = (env: Record<string, string>) =>
  readUpSettings(env, '/repo', SERVICES.slice(0, 2), false);

function usageError(pattern: RegExp) {
  return (error: unknown) =>
    error instanceof CliError &&
    error.code === 'USAGE' &&
    error.exitCode === 2 &&
    pattern.test(error.message);
}

test('--scale may be repeated or comma-separated, and --topology defaults to microservices', () => {
  const repeated = parseUpOptions(['--scale', 'catalog=3', '--scale', 'identity=2']);
  assert.deepEqual(
    [...repeated.scale],
    [
      ['catalog', 3],
      ['identity', 2],
    ],
  );
  assert.equal(repeated.topology, 'microservices');
  const listed = parseUpOptions(['--scale', 'catalog=3,identity=2', '--only', 'identity,catalog']);
  assert.deepEqual([...listed.scale], [...repeated.scale]);
  assert.deepEqual(listed.only, ['identity', 'catalog']);
  assert.equal(parseUpOptions(['--topology', 'monolith']).topology, 'monolith');
  assert.equal(parseUpOptions([]).scale.size, 0);
});

test('a bad --scale or --topology is a usage error that names the problem', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--scale', 'catalog=0'], /--scale catalog: "0" is not a number of instances from 1 to 9/],
    [['--scale', 'catalog=10'], /"10" is not a number of instances from 1 to 9/],
    [['--scale', 'catalog=two'], /"two" is not a number of instances/],
    [['--scale', 'catalog'], /"catalog" is not <service>=<n>/],
    [['--scale', 'shop=2'], /unknown service "shop"; the services are identity, catalog/],
    [['--scale', 'catalog=2,catalog=3'], /catalog is given twice/],
    [['--topology', 'cluster'], /"cluster" is not a topology; use microservices or monolith/],
    [
      ['--scale', 'catalog=2', '--topology', 'monolith'],
      /--scale is not supported with --topology monolith.*scale the microservices topology/s,
    ],
  ];
  for (const [argv, pattern] of cases) {
    assert.throws(() => parseUpOptions(argv), usageError(pattern), argv.join(' '));
  }
});

test('--scale of a service that --only leaves out is refused', () => {
  const settings = settingsFrom({});
  const options = parseUpOptions(['--only', 'identity', '--scale', 'catalog=2']);
  assert.throws(
    () => selectServices(settings.services, options.only, options.scale),
    usageError(/--scale catalog: not started by this run/),
  );
});

test('instance i listens on the service ports + 1000 × i, is named <service>-<i+1>, and shares the database', () => {
  const settings = settingsFrom({ CATALOG_DATABASE_URL: 'postgres://c:pw@db/catalog' });
  const instances = planInstances(settings.services, new Map([['catalog', 3]]), settings.host);
  assert.deepEqual(
    instances.map(({ label, instanceId, port, rpcPort, url, rpcUrl }) => ({
      label,
      instanceId,
      port,
      rpcPort,
      url,
      rpcUrl,
    })),
    [
      {
        label: 'identity',
        instanceId: 'identity-1',
        port: 4001,
        rpcPort: 4101,
        url: 'http://127.0.0.1:4001',
        rpcUrl: 'http://127.0.0.1:4101',
      },
      ...[4002, 5002, 6002].map((port, index) => ({
        label: `catalog-${index + 1}`,
        instanceId: `catalog-${index + 1}`,
        port,
        rpcPort: port + 100,
        url: `http://127.0.0.1:${port}`,
        rpcUrl: `http://127.0.0.1:${port + 100}`,
      })),
    ],
  );
  assert.ok(
    instances
      .slice(1)
      .every((instance) => instance.service.givenDatabaseUrl === 'postgres://c:pw@db/catalog'),
  );
});

test('<SERVICE>_RPC_PORT moves the gRPC ports of every instance, and ports past 65535 are refused', () => {
  const settings = settingsFrom({ CATALOG_RPC_PORT: '7100' });
  const catalog = settings.services.filter((service) => service.definition.name === 'catalog');
  assert.deepEqual(
    planInstances(catalog, new Map([['catalog', 2]]), settings.host).map((instance) => instance.rpcPort),
    [7100, 8100],
  );
  const high = settingsFrom({ CATALOG_PORT: '64000' });
  assert.throws(
    () => planInstances(high.services, new Map([['catalog', 3]]), high.host),
    (error: unknown) =>
      error instanceof CliError &&
      error.code === 'SETTINGS_INVALID' &&
      /CATALOG_PORT: 64000 \+ 1000 × 2/.test(error.message),
  );
  assert.throws(
    () => settingsFrom({ IDENTITY_PORT: '65500' }),
    (error: unknown) => error instanceof CliError && /set IDENTITY_RPC_PORT/.test(error.message),
  );
});

test('emporium up --scale catalog=0 exits 2 before starting anything', async () => {
  const { code, stderr } = await runEmporium(['up', '--scale', 'catalog=0'], emporiumEnv({}));
  assert.equal(code, 2);
  assert.match(stderr, /--scale catalog: "0" is not a number of instances from 1 to 9/);
});
