/**
 * The whole path of an order confirmation: events on a real PostgreSQL bus, rendered in the
 * user's language, sent with nodemailer over real SMTP to the embedded sink, read back raw
 * through the admin mailbox and parsed as MIME. A redelivered event sends nothing again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotificationSent, UserPreferencesChanged } from '@emporium/contracts';
import { eventOf, outboxEvents } from '@emporium/platform/messaging/testing';
import { bodyOf, jsonClient, waitFor } from '@emporium/platform/testing';
import { simpleParser } from 'mailparser';
import { orderNumber } from '../src/domain/money-text.ts';
import {
  confirmedOrder,
  deliveriesOf,
  mailsTo,
  newShopper,
  startNotifications,
  startTestPlatform,
  type TestNotifications,
  type TestPlatform,
} from './fixtures/start-notifications.ts';

interface NotificationPage {
  notifications: Array<{
    kind: string;
    subject: string;
    orderId: string | null;
    deliveries: Array<{ channel: string; status: string }>;
  }>;
  nextCursor: string | null;
}

describe('an order confirmation by email', () => {
  let platform: TestPlatform;
  let notifications: TestNotifications;
  let admin: string;

  before(async () => {
    platform = await startTestPlatform();
    notifications = await startNotifications(platform);
    admin = await platform.issuer.token({ roles: ['admin'] });
  });
  after(async () => {
    await notifications?.close();
    await platform?.close();
  });

  it('reaches the SMTP server as a MIME mail naming the recipient, the order number and the total', async () => {
    const shopper = newShopper('Ada Lovelace');
    const order = confirmedOrder(shopper.userId);
    await platform.publish(shopper.registered, order.placed, order.confirmed);

    const number = orderNumber(order.orderId);
    const api = jsonClient(notifications.service.url);
    const listed = await waitFor('the confirmation in the mailbox', async () => {
      const response = await api('GET', `/admin/mailbox?to=${encodeURIComponent(shopper.email)}`, undefined, {
        token: admin,
      });
      const { mails } = await bodyOf<{ mails: Array<{ id: string; subject: string }> }>(response);
      return mails.find((mail) => mail.subject.includes(number));
    });

    const raw = await fetch(`${notifications.service.url}/admin/mailbox/${listed.id}/raw`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('content-type') ?? '', /^message\/rfc822/);
    const mail = await simpleParser(await raw.text());
    assert.deepEqual(
      mail.to && !Array.isArray(mail.to) ? mail.to.value.map((address) => address.address) : [],
      [shopper.email],
    );
    assert.equal(mail.from?.value[0]?.address, 'shop@emporium.test');
    assert.equal(mail.subject, `Your order ${number} is confirmed`);
    assert.match(mail.text ?? '', /Hello Ada Lovelace,/);
    assert.match(mail.text ?? '', new RegExp(`order ${number}`));
    assert.match(mail.text ?? '', /Total: €107\.09/);
    assert.match(mail.text ?? '', /2 × HOME-LAMP-0002: €20\.00/);
    assert.match(String(mail.html), /<td[^>]*>€107\.09<\/td>/);
    assert.match(mail.messageId ?? '', /@notifications\.emporium>$/);

    // The welcome mail came too; the user sees both in their own list, each sent by email.
    const token = await platform.issuer.token({ roles: ['customer'], subject: shopper.userId });
    // The sink has the mail a moment before the sender commits "sent".
    const page = await waitFor('both deliveries logged as sent', async () => {
      const answer = await bodyOf<NotificationPage>(await api('GET', '/notifications', undefined, { token }));
      const statuses = answer.notifications.flatMap((notification) => notification.deliveries);
      return statuses.length === 2 && statuses.every((delivery) => delivery.status === 'sent') && answer;
    });
    assert.deepEqual(
      page.notifications.map((notification) => [
        notification.kind,
        notification.deliveries.map(({ channel, status }) => `${channel} ${status}`),
      ]),
      [
        ['order-confirmed', ['email sent']],
        ['welcome', ['email sent']],
      ],
      'newest first',
    );

    // Sent deliveries are announced for analytics.
    const sent = (await outboxEvents(notifications.db, 'notifications')).filter(
      (event) => event.type === NotificationSent.type,
    );
    assert.equal(sent.length, 2);
  });

  it('sends nothing twice when the bus delivers an event again', async () => {
    const shopper = newShopper('Grace Hopper');
    const order = confirmedOrder(shopper.userId);
    await platform.publish(shopper.registered, order.placed, order.confirmed);
    await waitFor('two mails', async () => (await mailsTo(notifications.db, shopper.email)).length === 2);

    // The same events again (a relay that crashed before marking them sent), then a marker.
    await platform.publish(shopper.registered, order.placed, order.confirmed);
    const marker = confirmedOrder(shopper.userId);
    await platform.publish(marker.placed, marker.confirmed);
    await waitFor(
      'the marker order mailed',
      async () => (await mailsTo(notifications.db, shopper.email)).length >= 3,
    );
    const subjects = (await mailsTo(notifications.db, shopper.email)).map((mail) => mail.subject);
    assert.deepEqual(
      subjects.sort(),
      [
        `Your order ${orderNumber(marker.orderId)} is confirmed`,
        `Your order ${orderNumber(order.orderId)} is confirmed`,
        'Welcome to Emporium',
      ].sort(),
    );
  });

  it('follows the channels and locale the user chose: German, SMS, and no email after an opt-out', async () => {
    const shopper = newShopper('Lise Meitner');
    const preferences = eventOf('identity', UserPreferencesChanged, shopper.userId, {
      userId: shopper.userId,
      locale: 'de-DE',
      currency: 'EUR',
      marketingEmails: false,
      channels: { email: false, sms: true, push: false },
      changedAt: new Date().toISOString(),
    });
    const order = confirmedOrder(shopper.userId);
    await platform.publish(shopper.registered, preferences, order.placed, order.confirmed);
    const log = await waitFor('the confirmation sent by SMS', async () => {
      const rows = await deliveriesOf(notifications.db, shopper.userId);
      return rows.some((row) => row.kind === 'order-confirmed' && row.status === 'sent') && rows;
    });
    const confirmation = log.filter((row) => row.kind === 'order-confirmed');
    assert.deepEqual(
      confirmation.map((row) => [row.channel, row.status, row.last_error]),
      [
        ['email', 'skipped', 'opted out of email'],
        ['sms', 'sent', null],
      ],
    );
    assert.equal(confirmation[0]?.subject, `Ihre Bestellung ${orderNumber(order.orderId)} ist bestätigt`);
    // Only the welcome mail, sent before the preferences arrived, reached the mailbox.
    const mails = await mailsTo(notifications.db, shopper.email);
    assert.deepEqual(
      mails.map((mail) => mail.subject),
      ['Welcome to Emporium'],
    );
  });

  it("lists a user's own notifications a page at a time, newest first", async () => {
    const shopper = newShopper('Ada Pager');
    const orders = [confirmedOrder(shopper.userId), confirmedOrder(shopper.userId)];
    await platform.publish(shopper.registered, ...orders.flatMap((order) => [order.placed, order.confirmed]));
    await waitFor('three mails', async () => (await mailsTo(notifications.db, shopper.email)).length === 3);

    const api = jsonClient(notifications.service.url);
    const token = await platform.issuer.token({ roles: ['customer'], subject: shopper.userId });
    const first = await bodyOf<NotificationPage>(
      await api('GET', '/notifications?limit=2', undefined, { token }),
    );
    assert.deepEqual(
      first.notifications.map((notification) => notification.orderId),
      [orders[1]?.orderId, orders[0]?.orderId],
    );
    assert.ok(first.nextCursor);
    const second = await bodyOf<NotificationPage>(
      await api('GET', `/notifications?limit=2&cursor=${first.nextCursor}`, undefined, { token }),
    );
    assert.deepEqual(
      second.notifications.map((notification) => notification.kind),
      ['welcome'],
    );
    assert.equal(second.nextCursor, null);

    // Someone else sees none of them.
    const stranger = await platform.issuer.token({ roles: ['customer'] });
    const theirs = await bodyOf<NotificationPage>(
      await api('GET', '/notifications', undefined, { token: stranger }),
    );
    assert.deepEqual(theirs.notifications, []);
  });
});
