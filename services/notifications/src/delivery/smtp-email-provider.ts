import nodemailer from 'nodemailer';
import type { ChannelProvider, ChannelReceipt, OutgoingMessage } from './channel-provider.ts';
import { DeliveryError } from './channel-provider.ts';

export interface SmtpEmailOptions {
  /** smtp://[user:pass@]host:port, or smtps:// for TLS from the first byte. */
  url: string;
  from: string;
  /** Connect, greeting and each reply. */
  timeoutMs: number;
}

/**
 * Email through a real SMTP server with nodemailer. The Message-ID is derived from the
 * delivery id, so a mail sent twice (the process died between the server's 250 and the
 * delivery log's update) carries the same id and a mail client can fold the copies.
 */
export function createSmtpEmailProvider(options: SmtpEmailOptions): ChannelProvider {
  const transport = nodemailer.createTransport({
    ...serverOf(options.url),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    channel: 'email',
    async send(message: OutgoingMessage): Promise<ChannelReceipt> {
      if (!message.email) throw new DeliveryError('the user has no email address', true);
      const messageId = `<${message.deliveryId}@notifications.emporium>`;
      try {
        await transport.sendMail({
          from: options.from,
          to: message.email,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId,
        });
      } catch (error) {
        throw smtpFailure(error);
      }
      return { address: message.email, providerMessageId: messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * Host, port, TLS and login from an smtp(s):// URL. Taken apart here rather than passed as
 * nodemailer's `url` option, which drops the timeouts given beside it.
 */
function serverOf(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  const auth = parsed.username
    ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
    : undefined;
  return { host: parsed.hostname, port, secure, ...(auth ? { auth } : {}) };
}

/** nodemailer's error as the delivery log words it: the server's reply when there was one. */
function smtpFailure(error: unknown): DeliveryError {
  if (!(error instanceof Error)) return new DeliveryError(String(error), false);
  const details = error as Error & { code?: string; responseCode?: number; response?: string };
  const responseCode = details.responseCode;
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  const reply = details.response ? `: ${details.response}` : '';
  const code = details.code ? `${details.code} ` : '';
  return new DeliveryError(
    `SMTP ${code}${details.response ? `${responseCode}${reply}` : error.message}`,
    permanent,
  );
}
