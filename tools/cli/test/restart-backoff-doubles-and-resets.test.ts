import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRestart, RESTART_BACKOFF, restartDelayMs } from '../src/supervisor/restart-backoff.ts';

test('restart delays start at 0.5 s and double up to 30 s', () => {
  const delays = Array.from({ length: 10 }, (_, index) => restartDelayMs(index + 1));
  assert.deepEqual(delays, [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  assert.equal(restartDelayMs(10_000), 30_000, 'a service crashing for days still waits 30 s, not Infinity');
});

test('crashes in quick succession back off further each time', () => {
  let crashes = 0;
  const delays: number[] = [];
  for (let crash = 0; crash < 4; crash += 1) {
    const decision = nextRestart(crashes, 2_000);
    crashes = decision.crashesInARow;
    delays.push(decision.delayMs);
  }
  assert.deepEqual(delays, [500, 1_000, 2_000, 4_000]);
  assert.equal(crashes, 4);
});

test('a service that stayed up for a minute starts the schedule again', () => {
  assert.deepEqual(nextRestart(6, RESTART_BACKOFF.resetAfterUpMs), { crashesInARow: 1, delayMs: 500 });
  assert.deepEqual(nextRestart(6, RESTART_BACKOFF.resetAfterUpMs - 1), { crashesInARow: 7, delayMs: 30_000 });
});
