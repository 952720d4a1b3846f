/**
 * The event-driven contexts under `emporium up`: a customer's checkout reaches notifications
 * and analytics through the bus alone. The confirmation is mailed over SMTP to the embedded
 * sink and readable in the admin mailbox; the reports count the order, the payment and the
 * mail; `emporium analytics rebuild` replays the facts into the same reports.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { assertConfirmationMailed, assertReported, reportsOf } from './fixtures/mails-and-reports.ts';
import { checkedOut, type RunningShop, startShop, stockedSkus } from './fixtures/running-shop.ts';
import { isGone } from './run-emporium.ts';

const started = new Set<number>();
let shop: RunningShop | undefined;

after(async () => {
  await shop?.stop().catch(() => undefined);
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
});

test('a checkout is mailed and reported', async () => {
  shop = await startShop({ label: 'mailed', onPid: (pid) => started.add(pid) });
  const [stocked] = await stockedSkus(shop);
  assert.ok(stocked, 'the seed catalogue stocks a SKU');
  const customer = await shop.customer();
  await customer.addToCart(stocked.sku, 1);
  const order = await customer.settled(await customer.placeOrder());
  const running = shop;
  const errors = () =>
    running
      .output()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .slice(-10)
      .join('\n');
  assert.ok(checkedOut(order), `order ${order.status}: ${JSON.stringify(order.cancellation)}\n${errors()}`);
  assert.ok(order.captured);

  await assertConfirmationMailed(shop, order);
  await assertReported(shop, {
    confirmed: 1,
    currency: order.captured.currency,
    capturedMinor: order.captured.amountMinor,
  });

  const before = await reportsOf(shop);
  const rebuilt = await shop.emporium(['analytics', 'rebuild']);
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /^analytics: reports rebuilt from \d+ facts\n$/);
  assert.deepEqual(await reportsOf(shop), before);

  shop = undefined;
  await running.stop();
});
