/**
 * A mail server that refuses or never answers: each delivery is retried with backoff, then
 * dead-lettered (status failed) with the server's reason, announced for analytics, and an
 * operator's retry sends it once the server works again.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { NotificationFailed } from '@emporium/contracts';
import { dataOf, outboxEvents } from '@emporium/platform/messaging/testing';
import { bodyOf, jsonClient, waitFor } from '@emporium/platform/testing';
import { SMTPServer } from 'smtp-server';
import {
  confirmedOrder,
  deliveriesOf,
  newShopper,
  startNotifications,
  startTestPlatform,
  type TestPlatform,
} from './fixtures/start-notifications.ts';

/** A real SMTP server answering DATA with `reply` (e.g. 451 or 550) while `refusing`, else 250. */
async function startRefusingSmtp(reply: { code: number; text: string }) {
  const state = { refusing: true, attempts: 0, accepted: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    async onData(stream, _session, callback) {
      for await (const _chunk of stream) {
        // drain
      }
      state.attempts++;
      if (!state.refusing) {
        state.accepted++;
        callback();
        return;
      }
      callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    state,
    url: `smtp://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts and never says a word: an SMTP server that hangs. */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('an SMTP server that refuses or times out', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform();
  });
  after(() => platform?.close());

  it('retries a temporary refusal with backoff, dead-letters it with the reason, and sends it on an operator retry', async (t) => {
    const smtp = await startRefusingSmtp({ code: 451, text: 'mailbox busy, try later' });
    t.after(() => smtp.close());
    const notifications = await startNotifications(platform, { config: { SMTP_URL: smtp.url } });
    t.after(() => notifications.close());

    const shopper = newShopper();
    await platform.publish(shopper.registered);
    const [failed] = await waitFor('the welcome dead-lettered', async () => {
      const rows = await deliveriesOf(notifications.db, shopper.userId);
      return rows[0]?.status === 'failed' && rows;
    });
    assert.equal(failed?.attempts, 3, 'DELIVERY_MAX_ATTEMPTS');
    assert.equal(smtp.state.attempts, 3, 'the server saw each attempt');
    assert.match(failed?.last_error ?? '', /^gave up after 3 attempts: SMTP .*451 mailbox busy, try later/);

    const announced = (await outboxEvents(notifications.db, 'notifications')).find(
      (event) => event.type === NotificationFailed.type,
    );
    const data = dataOf(NotificationFailed, announced);
    assert.equal(data.outcome, 'failed');
    assert.equal(data.userId, shopper.userId);

    // The operator sees it among the failed deliveries, fixes the server and retries it.
    const admin = await platform.issuer.token({ roles: ['admin'] });
    const api = jsonClient(notifications.service.url);
    const log = await bodyOf<{
      counts: { failed: number };
      deliveries: Array<{ id: string; error: string }>;
    }>(await api('GET', '/admin/deliveries?status=failed', undefined, { token: admin }));
    assert.equal(log.counts.failed, 1);
    const id = log.deliveries[0]?.id ?? '';
    smtp.state.refusing = false;
    const retried = await api('POST', `/admin/deliveries/${id}/retry`, undefined, { token: admin });
    assert.equal(retried.status, 200);
    await waitFor('the retried delivery sent', async () => {
      const rows = await deliveriesOf(notifications.db, shopper.userId);
      return rows[0]?.status === 'sent';
    });
    assert.equal(smtp.state.accepted, 1);
    const again = await api('POST', `/admin/deliveries/${id}/retry`, undefined, { token: admin });
    assert.equal(again.status, 409, 'a sent delivery is not retried');
  });

  it('gives up at once on a permanent refusal (5xx)', async (t) => {
    const smtp = await startRefusingSmtp({ code: 550, text: 'no such mailbox' });
    t.after(() => smtp.close());
    const notifications = await startNotifications(platform, { config: { SMTP_URL: smtp.url } });
    t.after(() => notifications.close());

    const shopper = newShopper();
    await platform.publish(shopper.registered);
    const [failed] = await waitFor('the welcome refused', async () => {
      const rows = await deliveriesOf(notifications.db, shopper.userId);
      return rows[0]?.status === 'failed' && rows;
    });
    assert.equal(failed?.attempts, 1);
    assert.match(failed?.last_error ?? '', /^refused: SMTP .*550 no such mailbox/);
  });

  it('times out on a server that never greets, retries, and dead-letters the mail', async (t) => {
    const silent = await startSilentServer();
    t.after(() => silent.close());
    const notifications = await startNotifications(platform, {
      config: { SMTP_URL: silent.url, SMTP_TIMEOUT_MS: 300, DELIVERY_MAX_ATTEMPTS: 2 },
    });
    t.after(() => notifications.close());

    const shopper = newShopper();
    const order = confirmedOrder(shopper.userId);
    await platform.publish(shopper.registered, order.placed, order.confirmed);
    const rows = await waitFor(
      'both mails dead-lettered',
      async () => {
        const found = await deliveriesOf(notifications.db, shopper.userId);
        return found.length === 2 && found.every((row) => row.status === 'failed') && found;
      },
      { timeoutMs: 30_000 },
    );
    for (const row of rows) {
      assert.equal(row.attempts, 2);
      assert.match(
        row.last_error ?? '',
        /gave up after 2 attempts: SMTP .*(Greeting never received|timeout)/i,
      );
    }
  });
});
