/**
 * The orchestrator dies between every pair of checkout steps. Two orders replicas run under
 * `emporium up --scale orders=2`, each killing itself (SIGKILL, by fault injection) right after
 * it records any checkout step; the supervisor restarts them. So one checkout is carried by a
 * new process after every step: each takes the saga over when the dead one's lease runs out and
 * resumes from the step log. The order must end confirmed and paid once, and `emporium check`
 * must find every invariant holding.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { waitFor } from '@emporium/platform/testing';
import { assertInvariantsHold } from './fixtures/checkout-scenarios.ts';
import { checkedOut, type RunningShop, startShop, stockedSkus } from './fixtures/running-shop.ts';
import { isGone } from './run-emporium.ts';

const CHECKOUT_STEPS = [
  'create-order',
  'reserve-stock',
  'quote',
  'authorise-payment',
  'create-shipment',
  'redeem-coupon',
  'confirm-order',
  'capture-payment',
];

const started = new Set<number>();
let shop: RunningShop | undefined;

after(async () => {
  await shop?.stop().catch(() => undefined);
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
});

test('a checkout whose orchestrator is killed after every step still ends confirmed, paid once', async () => {
  shop = await startShop({
    label: 'crashes',
    scale: { orders: 2 },
    env: { FAULT_CRASH_AFTER_STEPS: CHECKOUT_STEPS.join(','), SAGA_LEASE_MS: '2000' },
    onPid: (pid) => started.add(pid),
  });
  const [item] = await stockedSkus(shop);
  assert.ok(item);
  const customer = await shop.customer();
  await customer.addToCart(item.sku, 1);
  const id = await customer.placeOrder();
  const order = await customer.settled(id, 180_000);
  assert.ok(checkedOut(order), `order ${order.status}: ${JSON.stringify(order.cancellation)}`);
  assert.deepEqual(order.captured, order.total);

  const deaths = [...shop.output().matchAll(/fault injection: the orchestrator dies after step ([a-z-]+)/g)];
  assert.deepEqual(
    deaths.map((death) => death[1]),
    CHECKOUT_STEPS,
    'a death after each step, in order',
  );
  assert.match(shop.output(), /orders-[12] .*(exited|killed|SIGKILL)/i, 'the supervisor saw replicas die');

  // The last replica to die is restarted by the supervisor; check asks every instance.
  const running = shop;
  await waitFor(
    'both orders replicas to be back',
    async () => {
      const status = await running.emporium(['status', '--json']);
      const { services } = JSON.parse(status.stdout || '{"services":[]}') as {
        services: Array<{ ready: boolean }>;
      };
      return services.length > 0 && services.every((service) => service.ready);
    },
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );
  // An event a killed replica held goes to another member once its lease lapses (pg-boss:
  // 30 s, then the next maintenance pass), so events may still be in flight for a minute.
  await assertInvariantsHold(running, 120);
  shop = undefined;
  await running.stop();
});
