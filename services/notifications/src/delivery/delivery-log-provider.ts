import type { Logger } from '@emporium/platform/log';
import type { Channel } from '../domain/channel.ts';
import type { ChannelProvider, ChannelReceipt, OutgoingMessage } from './channel-provider.ts';

/**
 * The stand-in SMS or push provider: it "sends" by writing the message to the service log,
 * and the delivery log records it as sent to the user. A real provider (an SMS gateway, a
 * push service) implements the same ChannelProvider and replaces it in module.ts.
 */
export function createDeliveryLogProvider(
  channel: Exclude<Channel, 'email'>,
  logger: Logger,
): ChannelProvider {
  return {
    channel,
    async send(message: OutgoingMessage): Promise<ChannelReceipt> {
      const text = channel === 'sms' ? message.text.slice(0, 160) : message.subject;
      logger.info(
        { channel, userId: message.userId, deliveryId: message.deliveryId, text },
        `${channel} sent`,
      );
      return { address: `user:${message.userId}`, providerMessageId: `${channel}-${message.deliveryId}` };
    },
    async close() {},
  };
}
