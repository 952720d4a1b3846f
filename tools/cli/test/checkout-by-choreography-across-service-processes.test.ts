/**
 * The same checkouts with CHECKOUT_STYLE=choreography: orders publishes a checkout request
 * and every participant reacts to events only, compensating by events. Every scenario must
 * end as it does under orchestration, and the invariants must hold.
 */
import { after, test } from 'node:test';
import {
  assertInvariantsHold,
  runCheckoutScenarios,
  runChoreographyFaultScenarios,
} from './fixtures/checkout-scenarios.ts';
import { type RunningShop, startShop } from './fixtures/running-shop.ts';
import { isGone } from './run-emporium.ts';

const started = new Set<number>();
let shop: RunningShop | undefined;

after(async () => {
  await shop?.stop().catch(() => undefined);
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
});

test('checkout by choreography across service processes', async (t) => {
  shop = await startShop({
    label: 'choreography',
    env: { CHECKOUT_STYLE: 'choreography' },
    onPid: (pid) => started.add(pid),
  });
  await runCheckoutScenarios(t, shop);
  await runChoreographyFaultScenarios(t, shop);
  await assertInvariantsHold(shop);
  const running = shop;
  shop = undefined;
  await running.stop();
});
