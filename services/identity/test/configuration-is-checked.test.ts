import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@emporium/platform/config';
import { checkIdentityConfig, IdentityConfig } from '../src/config.ts';

const load = (env: Record<string, string>) =>
  checkIdentityConfig(loadConfig('identity', IdentityConfig, env));
const DATABASE_URL = 'postgres://identity@127.0.0.1:5432/identity';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('identity configuration', () => {
  it('needs only a database URL, and has sane defaults', () => {
    const config = load({ DATABASE_URL });
    assert.equal(config.PORT, 4001);
    assert.equal(config.SIGNING_KEYS_PATH, '.emporium/secrets/identity-signing-keys.json');
    assert.equal(config.ACCESS_TOKEN_TTL_SECONDS, 900);
    assert.equal(config.REFRESH_TOKEN_TTL_DAYS, 30);
    assert.equal(config.ADMIN_EMAIL, undefined);
  });

  it('reads the admin password from a file, as secrets are mounted', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'identity-config-'));
    try {
      const file = join(folder, 'admin-password');
      await writeFile(file, 'a secret 4 admin\n');
      const config = load({ DATABASE_URL, ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD_FILE: file });
      assert.equal(config.ADMIN_PASSWORD, 'a secret 4 admin');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('lists every problem at once, naming the variable', () => {
    assert.deepEqual(problemsOf({ DATABASE_URL, ADMIN_EMAIL: 'owner@example.com' }), [
      'ADMIN_PASSWORD: is required when ADMIN_EMAIL is set (or set ADMIN_PASSWORD_FILE)',
    ]);
    assert.deepEqual(problemsOf({ DATABASE_URL, ADMIN_PASSWORD: 'a secret 4 admin' }), [
      'ADMIN_EMAIL: is required when ADMIN_PASSWORD is set',
    ]);
    const weak = problemsOf({ DATABASE_URL, ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'admin' });
    assert.ok(weak.every((problem) => problem.startsWith('ADMIN_PASSWORD: ')));
    assert.equal(weak.length, 2);
    assert.match(
      problemsOf({ DATABASE_URL, ADMIN_EMAIL: 'x..y@example.com', ADMIN_PASSWORD: 'a secret 4 admin' })[0] ??
        '',
      /^ADMIN_EMAIL: /,
    );
    const ranges = problemsOf({
      DATABASE_URL,
      ACCESS_TOKEN_TTL_SECONDS: '5',
      REFRESH_TOKEN_TTL_DAYS: 'many',
    });
    assert.equal(ranges.length, 2);
  });
});
