import type { Role } from '@emporium/platform/security';
import type { Kysely, Selectable } from 'kysely';
import type { UserCursor } from '../domain/user-cursor.ts';
import { EmailTaken } from '../errors.ts';
import type { IdentityDatabase, UsersTable } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  createdAt: Date;
}

export interface UserCredentials extends User {
  passwordHash: string;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
}

const USER_COLUMNS = ['id', 'email', 'name', 'roles', 'created_at'] as const;

/** Inserts a user; an email already registered (even by a racing request) is EMAIL_TAKEN. */
export async function insertUser(db: Kysely<IdentityDatabase>, user: NewUser): Promise<User> {
  try {
    const row = await db
      .insertInto('users')
      .values({ email: user.email, name: user.name, password_hash: user.passwordHash, roles: user.roles })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    throw emailTakenOr(error, user.email);
  }
}

/** Inserts a user unless the email is registered; undefined when it was. Never fails on a race. */
export async function insertUserIfEmailFree(
  db: Kysely<IdentityDatabase>,
  user: NewUser,
): Promise<User | undefined> {
  const row = await db
    .insertInto('users')
    .values({ email: user.email, name: user.name, password_hash: user.passwordHash, roles: user.roles })
    .onConflict((conflict) => conflict.constraint('users_email_key').doNothing())
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  return row && toUser(row);
}

export async function isEmailRegistered(db: Kysely<IdentityDatabase>, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function findUserById(db: Kysely<IdentityDatabase>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** The users with these ids, in no particular order; unknown ids are simply absent. */
export async function findUsersByIds(db: Kysely<IdentityDatabase>, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(USER_COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toUser);
}

/** Reads a user and locks its row until the transaction ends, so a change can be compared with what it replaced. */
export async function lockUser(trx: Kysely<IdentityDatabase>, id: string): Promise<User | undefined> {
  const row = await trx
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && toUser(row);
}

export async function findCredentialsByEmail(
  db: Kysely<IdentityDatabase>,
  email: string,
): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function findCredentialsById(
  db: Kysely<IdentityDatabase>,
  id: string,
): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

/** Changes name and/or email; undefined when the user does not exist. A taken email is EMAIL_TAKEN. */
export async function updateProfile(
  db: Kysely<IdentityDatabase>,
  id: string,
  changes: { name?: string | undefined; email?: string | undefined },
): Promise<User | undefined> {
  try {
    const row = await db
      .updateTable('users')
      .set({ name: changes.name, email: changes.email, updated_at: new Date() })
      .where('id', '=', id)
      .returning(USER_COLUMNS)
      .executeTakeFirst();
    return row && toUser(row);
  } catch (error) {
    throw emailTakenOr(error, changes.email);
  }
}

export async function updatePasswordHash(
  db: Kysely<IdentityDatabase>,
  id: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function updateRoles(
  db: Kysely<IdentityDatabase>,
  id: string,
  roles: Role[],
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({ roles, updated_at: new Date() })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  return row && toUser(row);
}

/** One page of users, newest first, starting after `after` when given. */
export async function listUsers(
  db: Kysely<IdentityDatabase>,
  page: { limit: number; after?: UserCursor | undefined },
): Promise<User[]> {
  let query = db.selectFrom('users').select(USER_COLUMNS);
  if (page.after) {
    const { createdAt, id } = page.after;
    // Row comparison matches the users_newest_first index (created_at desc, id desc).
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toUser);
}

function toUser(row: Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>): User {
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, createdAt: row.created_at };
}

function emailTakenOr(error: unknown, email: string | undefined): unknown {
  return isUniqueViolation(error, 'users_email_key')
    ? EmailTaken(`${email ?? 'That email'} is already registered`)
    : error;
}
