import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { waitFor } from '@emporium/platform/testing';
import { type Crash, SupervisedProcess } from '../src/supervisor/supervised-process.ts';

const FAST_BACKOFF = { initialMs: 50, maxMs: 200, resetAfterUpMs: 60_000 };
const supervised: SupervisedProcess[] = [];

after(() => {
  for (const child of supervised) child.kill();
});

function supervise(script: string) {
  const crashes: Crash[] = [];
  const lines: Array<[string, string]> = [];
  const pids: number[] = [];
  const child = new SupervisedProcess(
    {
      name: 'fixture',
      command: process.execPath,
      args: ['-e', script],
      cwd: process.cwd(),
      env: process.env,
    },
    {
      onOutput: (line, stream) => lines.push([stream, line]),
      onSpawn: (pid) => pids.push(pid),
      onCrash: (crash) => crashes.push(crash),
    },
    FAST_BACKOFF,
  );
  supervised.push(child);
  child.start();
  return { child, crashes, lines, pids };
}

test('a process that keeps crashing is restarted with growing delays, until stopped', async () => {
  const { child, crashes, pids } = supervise('process.exit(3)');
  await waitFor('three crashes', () => crashes.length >= 3, { timeoutMs: 10_000 });
  await child.stop(1_000);
  assert.deepEqual(
    crashes.slice(0, 3).map(({ exit, delayMs, crashesInARow }) => ({ exit, delayMs, crashesInARow })),
    [
      { exit: 'exit code 3', delayMs: 50, crashesInARow: 1 },
      { exit: 'exit code 3', delayMs: 100, crashesInARow: 2 },
      { exit: 'exit code 3', delayMs: 200, crashesInARow: 3 },
    ],
  );
  assert.ok(pids.length >= 3, 'each restart is a new process');
  assert.equal(new Set(pids).size, pids.length);
  assert.equal(child.pid, undefined);
});

test('output lines are passed on by stream, and SIGTERM stops a well-behaved process', async () => {
  const { child, lines, crashes } = supervise(
    "console.log('one'); console.error('two'); process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);",
  );
  await waitFor('both lines', () => lines.length === 2, { timeoutMs: 10_000 });
  assert.deepEqual(lines.sort(), [
    ['stderr', 'two'],
    ['stdout', 'one'],
  ]);
  assert.deepEqual(await child.stop(5_000), { exit: 'exit code 0', killed: false });
  assert.deepEqual(crashes, [], 'a stop asked for is not a crash');
});

test('a process that ignores SIGTERM is killed when its grace period ends', async () => {
  const { child, lines } = supervise(
    "process.on('SIGTERM', () => {}); console.log('ignoring SIGTERM'); setInterval(() => {}, 1000);",
  );
  await waitFor('its handler to be installed', () => lines.length === 1, { timeoutMs: 10_000 });
  const pid = child.pid;
  assert.ok(pid !== undefined);
  assert.deepEqual(await child.stop(300), { exit: 'signal SIGKILL', killed: true });
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
});
