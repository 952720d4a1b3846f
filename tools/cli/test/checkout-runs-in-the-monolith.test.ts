/**
 * The same checkouts as across service processes, with every service hosted in one process
 * (`emporium up --topology monolith`): calls between modules go through the in-memory
 * transport, events still through the bus. Every scenario must end the same way.
 */
import { after, test } from 'node:test';
import { assertInvariantsHold, runCheckoutScenarios } from './fixtures/checkout-scenarios.ts';
import { type RunningShop, startShop } from './fixtures/running-shop.ts';
import { isGone } from './run-emporium.ts';

const started = new Set<number>();
let shop: RunningShop | undefined;

after(async () => {
  await shop?.stop().catch(() => undefined);
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
});

test('checkout in the monolith topology (orchestration, every module in one process)', async (t) => {
  shop = await startShop({
    label: 'monolith',
    args: ['--topology', 'monolith'],
    onPid: (pid) => started.add(pid),
  });
  await runCheckoutScenarios(t, shop);
  await assertInvariantsHold(shop);
  const running = shop;
  shop = undefined;
  await running.stop();
});
