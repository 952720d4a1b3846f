import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { readUpSettings } from '../src/cli-settings.ts';
import { planEventBus } from '../src/infrastructure/event-bus-plan.ts';
import { SERVICES } from '../src/services.ts';

const settingsFrom = (env: Record<string, string>) => readUpSettings(env, '/repo', SERVICES, false);
const PLATFORM_URL = 'postgres://platform:secret@127.0.0.1:54329/platform';

test('by default the bus lives in a platform database that up provisions, and every service is told its URL', () => {
  const bus = planEventBus(settingsFrom({}));
  assert.equal(bus.provisionPlatform, true);
  assert.deepEqual(bus.environment(PLATFORM_URL), { BUS_DATABASE_URL: PLATFORM_URL });
  assert.equal(bus.description, 'PostgreSQL (pg-boss) in the platform database');
});

test('PLATFORM_DATABASE_URL is used as given, and nothing is provisioned for the bus', () => {
  const given = 'postgres://bus:pw@db.example:5432/platform';
  const bus = planEventBus(settingsFrom({ PLATFORM_DATABASE_URL: given }));
  assert.equal(bus.provisionPlatform, false);
  assert.deepEqual(bus.environment(undefined), { BUS_DATABASE_URL: given });
  assert.doesNotMatch(bus.description, /pw/, 'no password in the summary');
});

test('NATS_URL switches every service to NATS and needs no platform database', () => {
  const bus = planEventBus(settingsFrom({ NATS_URL: 'nats://user:pw@a:4222,nats://b:4222' }));
  assert.equal(bus.provisionPlatform, false);
  assert.deepEqual(bus.environment(undefined), { NATS_URL: 'nats://user:pw@a:4222,nats://b:4222' });
  assert.equal(bus.description, 'NATS JetStream at nats://user:***@a:4222,nats://b:4222 (NATS_URL)');
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
