/** Where a notification can go. */
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A user's choice of channels, as identity's preferences hold it. */
export type ChannelChoice = Record<Channel, boolean>;

/** identity's default until a user saves preferences: order and account emails go out by email. */
export const DEFAULT_CHANNELS: Readonly<ChannelChoice> = Object.freeze({
  email: true,
  sms: false,
  push: false,
});
export const DEFAULT_LOCALE = 'en';

/**
 * The delivery log's entries for one notification: every channel the user chose is pending,
 * and email, the channel of record, is logged as skipped when they opted out of it, so the
 * log (and analytics) show that a message was held back rather than lost.
 */
export function plannedDeliveries(choice: ChannelChoice): Array<{ channel: Channel; skipped: boolean }> {
  return CHANNELS.filter((channel) => choice[channel] || channel === 'email').map((channel) => ({
    channel,
    skipped: !choice[channel],
  }));
}
