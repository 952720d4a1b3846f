/**
 * Checkout as it runs for real: `emporium up` with every service in its own process, calls
 * between them over gRPC through the registry, events through the bus. The orders service
 * orchestrates; each scenario ends as a customer and the participants expect.
 */

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  assertInvariantsHold,
  runCheckoutScenarios,
  runParticipantDownScenario,
} from './fixtures/checkout-scenarios.ts';
import { type RunningShop, startShop } from './fixtures/running-shop.ts';
import { isGone } from './run-emporium.ts';

const started = new Set<number>();
let shop: RunningShop | undefined;

after(async () => {
  await shop?.stop().catch(() => undefined);
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
});

test('checkout across service processes (orchestration)', async (t) => {
  shop = await startShop({
    label: 'checkout',
    // A short retry budget, so that a participant can be down for longer than it.
    env: { SAGA_STEP_TIMEOUT_MS: '3000', SAGA_MAX_ATTEMPTS: '2' },
    onPid: (pid) => started.add(pid),
  });
  await runCheckoutScenarios(t, shop);
  await runParticipantDownScenario(t, shop);
  await assertInvariantsHold(shop);
  const sagas = await shop.emporium(['sagas', '--limit', '50']);
  assert.equal(sagas.code, 0, sagas.stderr);
  assert.match(sagas.stdout, /checkout +completed/);
  assert.match(sagas.stdout, /checkout +compensated .*declined/i);
  const stuck = await shop.emporium(['sagas', '--stuck']);
  assert.equal(stuck.stdout, 'no sagas\n');
  const running = shop;
  shop = undefined;
  await running.stop();
});
