import { Type } from '@sinclair/typebox';
import { defineEvent } from './define-event.ts';

/** What every delivery outcome carries: which message, to whom, through which channel. */
const delivery = {
  notificationId: Type.String({ format: 'uuid', description: 'The notification (the event subject too)' }),
  deliveryId: Type.String({ format: 'uuid', description: 'One channel of it' }),
  userId: Type.String({ description: 'The recipient (identity user id)' }),
  kind: Type.String({ description: 'What it tells, e.g. order-confirmed, welcome' }),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]),
  attempts: Type.Integer({ minimum: 0, description: 'Sending attempts made (0 when none was made)' }),
};

export const NotificationSent = defineEvent(
  'emporium.notifications.notification.sent.v1',
  Type.Object({ ...delivery, sentAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
  'A notification was handed to its channel (the SMTP server accepted the email, or the provider the SMS or push).',
);

export const NotificationFailed = defineEvent(
  'emporium.notifications.notification.failed.v1',
  Type.Object(
    {
      ...delivery,
      outcome: Type.Union([Type.Literal('failed'), Type.Literal('skipped')], {
        description:
          'failed: given up after retries (dead-lettered); skipped: the user opted out of the channel',
      }),
      reason: Type.String({ description: 'Why, e.g. the SMTP reply or "opted out of email"' }),
      failedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  'A notification did not reach the user through a channel: the channel kept failing, or the user opted out of it.',
);

export const notificationEvents = [NotificationSent, NotificationFailed];
