import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { emporiumEnv, freePort, runEmporium } from './run-emporium.ts';

let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'emporium-refuse-test-'));
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

test('a second emporium up on the same home refuses, names the running supervisor, and changes nothing', async () => {
  // This test process stands in for a live supervisor: its pid certainly exists.
  const running = {
    supervisorPid: process.pid,
    startedAt: '2026-01-01T00:00:00.000Z',
    postgres: null,
    services: [{ name: 'identity', url: 'http://127.0.0.1:1', pid: process.pid }],
  };
  const stateFile = join(home, 'run', 'state.json');
  await mkdir(join(home, 'run'), { recursive: true });
  await writeFile(stateFile, JSON.stringify(running));

  const { code, stderr } = await runEmporium(
    ['up'],
    emporiumEnv({
      EMPORIUM_HOME: home,
      EMPORIUM_POSTGRES_PORT: String(await freePort()),
      IDENTITY_PORT: String(await freePort()),
      CATALOG_PORT: String(await freePort()),
    }),
  );
  assert.equal(code, 1);
  assert.match(stderr, new RegExp(`already running from .*supervisor pid ${process.pid}`));
  assert.deepEqual(
    JSON.parse(await readFile(stateFile, 'utf8')),
    running,
    'the running supervisor’s state is kept',
  );
});
