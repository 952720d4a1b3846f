import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, serviceBaseConfig } from '@emporium/platform/config';
import { Type } from '@sinclair/typebox';

const Schema = Type.Object({
  ...serviceBaseConfig(4100),
  API_SECRET: Type.String({ minLength: 8, description: 'Shared secret for the widget API' }),
  CALLBACK_URL: Type.Optional(Type.String({ format: 'uri' })),
});

describe('loadConfig', () => {
  it('applies defaults and converts text to the declared types', () => {
    const config = loadConfig('widgets', Schema, {
      DATABASE_URL: 'postgres://u@h/db',
      API_SECRET: 'long enough',
      PORT: '8080',
      LOG_PRETTY: 'true',
      CALLBACK_URL: 'https://shop.example/hooks',
    });
    assert.equal(config.CALLBACK_URL, 'https://shop.example/hooks');
    assert.equal(config.PORT, 8080);
    assert.equal(config.LOG_PRETTY, true);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.LOG_LEVEL, 'info');
  });

  it('lists every missing or invalid variable in one error', () => {
    const error = (() => {
      try {
        loadConfig('widgets', Schema, { PORT: 'eighty', LOG_LEVEL: 'loud', CALLBACK_URL: 'not a url' });
      } catch (thrown) {
        return thrown;
      }
    })();
    assert.ok(error instanceof ConfigError);
    const problems = error.problems.join('\n');
    assert.match(problems, /DATABASE_URL: is required \(PostgreSQL URL/);
    assert.match(problems, /API_SECRET: is required \(Shared secret/);
    assert.match(problems, /PORT: .*got "eighty"/);
    assert.match(problems, /LOG_LEVEL: .*got "loud"/);
    assert.match(problems, /CALLBACK_URL: .*got "not a url"/);
    assert.match(error.message, /^widgets: invalid configuration\n {2}- /);
  });

  it('reads a secret from <NAME>_FILE, and says when that file cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-test-'));
    try {
      await writeFile(join(dir, 'secret'), 'from-a-file\n');
      const config = loadConfig('widgets', Schema, {
        DATABASE_URL: 'postgres://u@h/db',
        API_SECRET_FILE: join(dir, 'secret'),
      });
      assert.equal(config.API_SECRET, 'from-a-file');
      assert.throws(
        () =>
          loadConfig('widgets', Schema, {
            DATABASE_URL: 'postgres://u@h/db',
            API_SECRET_FILE: join(dir, 'nope'),
          }),
        /API_SECRET_FILE: cannot read .*nope \(ENOENT\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
