import type { Channel } from '../domain/channel.ts';

/** One message for one person through one channel. */
export interface OutgoingMessage {
  deliveryId: string;
  userId: string;
  /** The email address; SMS and push providers address the user by id. */
  email: string | null;
  subject: string;
  text: string;
  html: string;
}

/** What a channel answered: where it went and the channel's id for it. */
export interface ChannelReceipt {
  address: string;
  providerMessageId: string;
}

/**
 * The port every channel implements (smtp-email-provider.ts, delivery-log-provider.ts). A
 * provider throws a DeliveryError when the channel refuses or cannot be reached.
 */
export interface ChannelProvider {
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<ChannelReceipt>;
  close(): Promise<void>;
}

/** A channel's refusal; `permanent` when trying again cannot help (a 5xx SMTP reply). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
