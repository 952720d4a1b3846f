/**
 * A user whose user.registered never reached notifications (registered before it first
 * subscribed): at send time the address is asked of identity (GetUser), kept, and used; a
 * user identity does not know is given up at once, with the reason.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@emporium/platform/testing';
import { orderNumber } from '../src/domain/money-text.ts';
import {
  confirmedOrder,
  deliveriesOf,
  mailsTo,
  startNotifications,
  startTestPlatform,
  type TestNotifications,
  type TestPlatform,
} from './fixtures/start-notifications.ts';

describe('an address no event brought', () => {
  let platform: TestPlatform;
  let notifications: TestNotifications;
  const known = new Map<string, { email: string; name: string }>();
  const asked: string[] = [];

  before(async () => {
    platform = await startTestPlatform();
    notifications = await startNotifications(platform, {
      dependencies: {
        // identity's GetUser, as the module's default calls it over gRPC.
        lookUpUser: async (userId) => {
          asked.push(userId);
          return known.get(userId);
        },
      },
    });
  });
  after(async () => {
    await notifications?.close();
    await platform?.close();
  });

  it('is asked of identity once, and the mail goes to it', async () => {
    const userId = randomUUID();
    const email = `early-${userId.slice(0, 8)}@example.test`;
    known.set(userId, { email, name: 'Early Adopter' });
    const first = confirmedOrder(userId);
    await platform.publish(first.placed, first.confirmed);
    const [mail] = await waitFor('the confirmation mailed', async () => {
      const mails = await mailsTo(notifications.db, email);
      return mails.length === 1 && mails;
    });
    assert.equal(mail?.subject, `Your order ${orderNumber(first.orderId)} is confirmed`);
    // The text was written before the name was known: a greeting without it.
    assert.match(mail?.raw ?? '', /Hello,/);

    const second = confirmedOrder(userId);
    await platform.publish(second.placed, second.confirmed);
    await waitFor(
      'the second confirmation mailed',
      async () => (await mailsTo(notifications.db, email)).length === 2,
    );
    assert.deepEqual(asked, [userId], 'the answer is kept: identity is asked once');
  });

  it('gives up at once on a user identity does not know', async () => {
    const userId = randomUUID();
    const order = confirmedOrder(userId);
    await platform.publish(order.placed, order.confirmed);
    const [delivery] = await waitFor('the delivery given up', async () => {
      const rows = await deliveriesOf(notifications.db, userId);
      return rows[0]?.status === 'failed' && rows;
    });
    assert.equal(delivery?.attempts, 1);
    assert.equal(delivery?.last_error, `refused: identity knows no user ${userId}`);
  });
});
