import pg from 'pg';

export interface DatabaseGrant {
  /** Database name, e.g. "identity". */
  database: string;
  /** Login role that owns it and may connect to it alone. */
  role: string;
  password: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates) one service's database and login role on a cluster, as the
 * database-per-service pattern asks: the role owns its database, and PUBLIC loses the
 * right to connect, so no other service's role can open it. Safe to run again.
 * Returns the service's own connection URL.
 */
export async function provisionDatabase(adminUrl: string, grant: DatabaseGrant): Promise<string> {
  for (const name of [grant.database, grant.role]) {
    if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a valid PostgreSQL identifier here`);
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const password = client.escapeLiteral(grant.password);
    const role = await client.query('select 1 from pg_roles where rolname = $1', [grant.role]);
    await ignoreDuplicate(() =>
      client.query(
        role.rowCount
          ? `alter role "${grant.role}" with login password ${password}`
          : `create role "${grant.role}" with login password ${password}`,
      ),
    );
    const database = await client.query('select 1 from pg_database where datname = $1', [grant.database]);
    if (!database.rowCount) {
      await ignoreDuplicate(() => client.query(`create database "${grant.database}" owner "${grant.role}"`));
    }
    await client.query(`revoke all on database "${grant.database}" from public`);
    await client.query(`grant all on database "${grant.database}" to "${grant.role}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, grant);
}

/** The admin URL with the service's role, password and database in place of the superuser's. */
export function databaseUrl(adminUrl: string, grant: DatabaseGrant): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(grant.role);
  url.password = encodeURIComponent(grant.password);
  url.pathname = `/${grant.database}`;
  return url.toString();
}

/** Two supervisors provisioning at once race on CREATE; the loser's duplicate is harmless. */
async function ignoreDuplicate(statement: () => Promise<unknown>): Promise<void> {
  try {
    await statement();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '42710' && code !== '23505') throw error;
  }
}
