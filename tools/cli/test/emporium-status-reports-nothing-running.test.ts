import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { emporiumEnv, runEmporium } from './run-emporium.ts';

let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'emporium-status-test-'));
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

test('status --json with an empty EMPORIUM_HOME prints no services and exits 1', async () => {
  const { code, stdout } = await runEmporium(['status', '--json'], emporiumEnv({ EMPORIUM_HOME: home }));
  assert.equal(stdout, '{"services":[]}\n');
  assert.equal(code, 1);
});

test('status says nothing runs, and exits 1, when the supervisor in the state file is gone', async () => {
  await mkdir(join(home, 'run'), { recursive: true });
  // A pid far above any pid_max: no such process.
  const stale = {
    supervisorPid: 2 ** 30,
    startedAt: '2026-01-01T00:00:00.000Z',
    postgres: null,
    services: [],
  };
  await writeFile(join(home, 'run', 'state.json'), JSON.stringify(stale));
  const human = await runEmporium(['status'], emporiumEnv({ EMPORIUM_HOME: home }));
  assert.match(human.stdout, /not running/);
  assert.equal(human.code, 1);
  const json = await runEmporium(['status', '--json'], emporiumEnv({ EMPORIUM_HOME: home }));
  assert.equal(json.stdout, '{"services":[]}\n');
  assert.equal(json.code, 1);
});
