import { Type } from '@sinclair/typebox';
import { CHANNELS } from '../domain/channel.ts';
import { DELIVERY_STATUSES } from '../domain/delivery-status.ts';
import { NOTIFICATION_KINDS } from '../templates/notification-kinds.ts';

export const BEARER = [{ bearer: [] }];

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const Channel = literals(CHANNELS);
export const DeliveryStatus = literals(DELIVERY_STATUSES);
export const NotificationKind = literals(NOTIFICATION_KINDS);

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size' });
export const Cursor = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'nextCursor of the previous page',
});

export const DeliverySummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    channel: Channel,
    status: DeliveryStatus,
    attempts: Type.Integer(),
    sentAt: Nullable(DateTime),
    error: Nullable(Type.String({ description: 'The last failure, or why it was skipped' })),
  },
  { additionalProperties: false },
);

export const NotificationView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: NotificationKind,
    orderId: Nullable(Type.String()),
    locale: Type.String(),
    subject: Type.String(),
    text: Type.String({ description: 'The message as plain text' }),
    createdAt: DateTime,
    deliveries: Type.Array(DeliverySummary),
  },
  { additionalProperties: false },
);

export const NotificationPage = Type.Object(
  {
    notifications: Type.Array(NotificationView),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last' })),
  },
  { additionalProperties: false },
);

export const LoggedDeliveryView = Type.Object(
  {
    ...DeliverySummary.properties,
    notificationId: Type.String({ format: 'uuid' }),
    userId: Type.String(),
    kind: NotificationKind,
    subject: Type.String(),
    address: Nullable(Type.String()),
    providerMessageId: Nullable(Type.String()),
    nextAttemptAt: Nullable(DateTime),
    createdAt: DateTime,
  },
  { additionalProperties: false },
);

export const DeliveryLogPage = Type.Object(
  {
    counts: Type.Object(
      { pending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer(), skipped: Type.Integer() },
      { additionalProperties: false, description: 'Every delivery by status' },
    ),
    deliveries: Type.Array(LoggedDeliveryView),
    nextCursor: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const DeliveryIdParams = Type.Object(
  { id: Type.String({ format: 'uuid', description: 'The delivery id' }) },
  { additionalProperties: false },
);

export const MailSummary = Type.Object(
  {
    id: Type.String(),
    messageId: Nullable(Type.String()),
    from: Nullable(Type.String({ description: 'The envelope sender' })),
    to: Type.Array(Type.String(), { description: 'The envelope recipients' }),
    subject: Nullable(Type.String()),
    receivedAt: DateTime,
  },
  { additionalProperties: false },
);

export const MailDetail = Type.Object(
  {
    ...MailSummary.properties,
    text: Nullable(Type.String({ description: 'The plain-text part' })),
    html: Nullable(Type.String({ description: 'The HTML part' })),
  },
  { additionalProperties: false },
);

export const MailIdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'The mail id' }) },
  { additionalProperties: false },
);
