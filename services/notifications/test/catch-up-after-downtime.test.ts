/**
 * Notifications stopped while checkouts go on: the bus keeps its group's events, and when it
 * starts again it catches up — every customer gets each message once, nothing lost, nothing
 * sent twice, even for events that were delivered again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@emporium/platform/testing';
import { sql } from 'kysely';
import {
  confirmedOrder,
  mailsTo,
  natsSkipReason,
  newShopper,
  startNotifications,
  startTestPlatform,
  type TestPlatform,
} from './fixtures/start-notifications.ts';

const skipNats = await natsSkipReason();

for (const bus of ['postgres', 'nats'] as const) {
  describe(`notifications down during checkouts (${bus} bus)`, { skip: bus === 'nats' && skipNats }, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await startTestPlatform(bus);
    });
    after(() => platform?.close());

    it('catches up on restart: every message once', async (t) => {
      // First start: the group subscribes, so the bus keeps its events from now on.
      const first = await startNotifications(platform);
      const database = first.database;
      t.after(() => database.drop());
      const early = newShopper('Early Bird');
      await platform.publish(early.registered);
      await waitFor('the first welcome', async () => (await mailsTo(first.db, early.email)).length === 1);
      await first.stop();

      // While it is down: five shoppers check out.
      const shoppers = Array.from({ length: 5 }, (_, index) => newShopper(`Shopper ${index}`));
      const orders = shoppers.map((shopper) => confirmedOrder(shopper.userId));
      for (const [index, shopper] of shoppers.entries()) {
        const order = orders[index];
        assert.ok(order);
        await platform.publish(shopper.registered, order.placed, order.confirmed);
      }
      // ... and one of them is delivered twice by a relay that crashed before marking it sent.
      const repeated = orders[2];
      assert.ok(repeated);
      await platform.publish(repeated.confirmed);

      const second = await startNotifications(platform, { database });
      t.after(() => second.stop());
      await waitFor(
        'ten mails sent',
        async () => {
          const { rows } = await sql<{ sent: number }>`
          select count(*)::int as sent from deliveries where status = 'sent'`.execute(second.db);
          return rows[0]?.sent === 11;
        },
        { timeoutMs: 30_000 },
      );
      for (const shopper of shoppers) {
        const subjects = (await mailsTo(second.db, shopper.email)).map((mail) => mail.subject);
        assert.equal(subjects.length, 2, `${shopper.name}: a welcome and a confirmation`);
        assert.ok(subjects.includes('Welcome to Emporium'));
      }
      const { rows } = await sql<{ mails: number }>`select count(*)::int as mails from sink_mails`.execute(
        second.db,
      );
      assert.equal(rows[0]?.mails, 11, 'the early welcome, and two per shopper');
    });
  });
}
