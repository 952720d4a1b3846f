import type { MessagingTables } from '@emporium/platform/messaging';
import type { Role } from '@emporium/platform/security';
import type { ColumnType, Generated } from 'kysely';

/**
 * Identity's database as Kysely sees it: its own tables, and the chassis's outbox (written
 * in the same transaction as the change an event reports), inbox and dead letters.
 */
export type IdentityDatabase = IdentityTables & MessagingTables;

/** Identity's own tables. Columns are snake_case; stores map rows to domain shapes. */
export interface IdentityTables {
  users: UsersTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  addresses: AddressesTable;
  preferences: PreferencesTable;
}

/** Set by the database on insert, never changed by hand. */
type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface UsersTable {
  id: Generated<string>;
  /** Normalised (see domain/email.ts); unique through the users_email_key constraint. */
  email: string;
  name: string;
  password_hash: string;
  /** Always contains 'customer' (a check constraint says so). */
  roles: ColumnType<Role[], Role[], Role[]>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** One login: every refresh token rotated from it belongs to it, and is revoked with it. */
export interface RefreshTokenFamiliesTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  revoked_at: ColumnType<Date | null, never, Date>;
  revoked_reason: ColumnType<RevocationReason | null, never, RevocationReason>;
}

export type RevocationReason = 'logout' | 'reuse' | 'password-change';

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  /** SHA-256 of the token, hex; the token itself is never stored. */
  token_hash: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  rotated_at: ColumnType<Date | null, never, Date>;
}

export interface AddressesTable {
  id: Generated<string>;
  user_id: string;
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  phone: string | null;
  /** At most one per user (a partial unique index says so). */
  is_default: boolean;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

export interface PreferencesTable {
  user_id: string;
  locale: string;
  currency: string;
  marketing_emails: boolean;
  email_channel: boolean;
  sms_channel: boolean;
  push_channel: boolean;
  updated_at: ColumnType<Date, never, Date>;
}
