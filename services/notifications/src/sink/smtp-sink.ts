import type { Logger } from '@emporium/platform/log';
import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { NotificationsDatabase } from '../store/database.ts';
import { saveSinkMail } from '../store/sink-mails-store.ts';

/** The largest mail the sink takes (SMTP SIZE): far above any notification. */
const MAX_MAIL_BYTES = 5 * 1024 * 1024;

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for nodemailer. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The embedded mail server of a laptop run: a real SMTP server (the `smtp-server` package)
 * on 127.0.0.1 that accepts every mail and keeps it, raw, in the notifications database,
 * where the admin mailbox routes (and tests) read it. It delivers nothing onwards. It runs in
 * the notifications process when SMTP_URL names no real server, so `emporium up`, the
 * monolith topology and tests get it without another process to supervise.
 */
export async function startSmtpSink(
  db: Kysely<NotificationsDatabase>,
  options: { port: number; logger: Logger; clock: () => Date },
): Promise<SmtpSink> {
  const server = new SMTPServer({
    name: 'emporium-sink.local',
    banner: 'Emporium SMTP sink: mails are kept, never delivered',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MAIL_BYTES,
    logger: false,
    async onData(stream, session, callback) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(Buffer.from(chunk));
        if (stream.sizeExceeded) {
          callback(
            Object.assign(new Error('552 message exceeds the fixed maximum message size'), {
              responseCode: 552,
            }),
          );
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        await saveSinkMail(
          db,
          {
            messageId: parsed.messageId ?? null,
            from: addressOf(session.envelope.mailFrom),
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? null,
            raw,
          },
          options.clock(),
        );
        callback();
      } catch (error) {
        options.logger.error({ err: error }, 'the SMTP sink could not keep a mail');
        // 451: a temporary failure, so the sender keeps the mail and tries again.
        callback(Object.assign(new Error('451 could not store the mail; try again'), { responseCode: 451 }));
      }
    },
  });
  server.on('error', (error) => options.logger.warn({ err: error }, 'SMTP sink error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP sink listens on no TCP port');
  const { port } = address;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressOf(mailFrom: SMTPServerAddress | false): string | null {
  return mailFrom ? mailFrom.address : null;
}
