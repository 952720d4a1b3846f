import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { readUpSettings } from '../src/cli-settings.ts';
import { planPlatform } from '../src/infrastructure/platform-plan.ts';
import { SERVICES } from '../src/services.ts';

const settingsFrom = (env: Record<string, string>) => readUpSettings(env, '/repo', SERVICES, false);
const PLATFORM_URL = 'postgres://platform:secret@127.0.0.1:54329/platform';

test('by default bus and registry live in a platform database that up provisions, and every service is told its URL', () => {
  const platform = planPlatform(settingsFrom({}));
  assert.equal(platform.provisionPlatform, true);
  assert.deepEqual(platform.environment(PLATFORM_URL), {
    BUS_DATABASE_URL: PLATFORM_URL,
    REGISTRY_DATABASE_URL: PLATFORM_URL,
  });
  assert.equal(platform.eventBus, 'PostgreSQL (pg-boss) in the platform database');
  assert.equal(platform.registry, 'PostgreSQL table in the platform database');
  assert.deepEqual(
    platform.registryLocation(PLATFORM_URL, '/home/secrets/platform-database-password'),
    {
      kind: 'postgres',
      address: 'postgres://platform@127.0.0.1:54329/platform',
      passwordFile: '/home/secrets/platform-database-password',
    },
    'the state file points at the password file, and holds no password',
  );
});

test('PLATFORM_DATABASE_URL is used as given for bus and registry, and nothing is provisioned', () => {
  const given = 'postgres://bus:pw@db.example:5432/platform';
  const platform = planPlatform(settingsFrom({ PLATFORM_DATABASE_URL: given }));
  assert.equal(platform.provisionPlatform, false);
  assert.deepEqual(platform.environment(undefined), {
    BUS_DATABASE_URL: given,
    REGISTRY_DATABASE_URL: given,
  });
  assert.doesNotMatch(platform.eventBus, /pw/, 'no password in the summary');
  assert.deepEqual(platform.registryLocation(undefined, '/unused'), {
    kind: 'postgres',
    address: 'postgres://bus:***@db.example:5432/platform',
    variable: 'PLATFORM_DATABASE_URL',
  });
});

test('NATS_URL switches every service to NATS, for events and the registry, and needs no platform database', () => {
  const platform = planPlatform(settingsFrom({ NATS_URL: 'nats://user:pw@a:4222,nats://b:4222' }));
  assert.equal(platform.provisionPlatform, false);
  assert.deepEqual(
    platform.environment(undefined),
    { NATS_URL: 'nats://user:pw@a:4222,nats://b:4222' },
    'no REGISTRY_DATABASE_URL: the services pick NATS KV themselves',
  );
  assert.equal(platform.eventBus, 'NATS JetStream at nats://user:***@a:4222,nats://b:4222 (NATS_URL)');
  assert.equal(platform.registry, 'NATS KV at nats://user:***@a:4222,nats://b:4222 (NATS_URL)');
});

test('a NATS_URL or PLATFORM_DATABASE_URL of the wrong kind is refused before anything starts', () => {
  assert.throws(
    () => settingsFrom({ NATS_URL: 'http://nats:4222', PLATFORM_DATABASE_URL: 'mysql://x' }),
    (error: unknown) =>
      error instanceof CliError &&
      /NATS_URL: must be a nats:\/\/ or tls:\/\/ URL/.test(error.message) &&
      /PLATFORM_DATABASE_URL: must be a postgres:\/\/ URL/.test(error.message),
  );
});
