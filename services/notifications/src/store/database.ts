import type { MessagingTables } from '@emporium/platform/messaging';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Channel } from '../domain/channel.ts';
import type { DeliveryStatus } from '../domain/delivery-status.ts';
import type { NotificationKind } from '../templates/notification-kinds.ts';

/**
 * The notifications database as Kysely sees it: its own tables and the chassis's outbox (the
 * delivery outcomes it publishes), inbox (events handled) and dead letters.
 */
export type NotificationsDatabase = NotificationsTables & MessagingTables;

export interface NotificationsTables {
  recipients: RecipientsTable;
  order_recipients: OrderRecipientsTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  sink_mails: SinkMailsTable;
}

/** jsonb columns: pg parses them on read; they are written as JSON text. */
type JsonColumn<T> = ColumnType<T, string, string>;

/**
 * What notifications knows of a user, projected from identity's events: where to write and
 * in which language, and the channels they chose (identity's defaults until they say).
 */
export interface RecipientsTable {
  user_id: string;
  email: string | null;
  name: string | null;
  locale: ColumnType<string, string | undefined, string>;
  channel_email: ColumnType<boolean, boolean | undefined, boolean>;
  channel_sms: ColumnType<boolean, boolean | undefined, boolean>;
  channel_push: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Date;
}

/** Whose order is whose: shipment and payment events name only the order. */
export interface OrderRecipientsTable {
  order_id: string;
  user_id: string;
}

export interface NotificationsTable {
  id: string;
  /** Insertion order: the cursor of a user's list. */
  seq: Generated<string>;
  /** The event that raised it; (event_id, kind) is unique, so a redelivered event adds nothing. */
  event_id: string;
  kind: NotificationKind;
  user_id: string;
  /** The order it is about, when it is about one. */
  order_id: string | null;
  locale: string;
  subject: string;
  body_text: string;
  body_html: string;
  created_at: ColumnType<Date, Date, never>;
}

/** The delivery log: one row per (notification, channel), with its status and attempts. */
export interface DeliveriesTable {
  id: string;
  notification_id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  /** When the sender next tries it; null unless pending. */
  next_attempt_at: Date | null;
  /** The last failure (the SMTP reply), or why it was skipped. */
  last_error: string | null;
  /** Where it went: the email address, or the provider's recipient. */
  address: string | null;
  /** The channel's id for the message (the SMTP Message-ID). */
  provider_message_id: string | null;
  sent_at: Date | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

/** A mail the embedded SMTP sink received, as it came. */
export interface SinkMailsTable {
  id: Generated<string>;
  message_id: string | null;
  envelope_from: string | null;
  envelope_to: JsonColumn<string[]>;
  subject: string | null;
  raw: string;
  received_at: ColumnType<Date, Date, never>;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type RecipientRow = Selectable<RecipientsTable>;
export type SinkMailRow = Selectable<SinkMailsTable>;
