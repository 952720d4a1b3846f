import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { provisionDatabase } from '../db/index.ts';

/**
 * The PostgreSQL cluster tests run against: `TEST_DATABASE_ADMIN_URL`, which `npm test`
 * sets to the server on 127.0.0.1:5432 when it answers, or else to an embedded one it starts.
 */
export function testAdminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_ADMIN_URL is not set: run tests with `npm test` (it finds or starts PostgreSQL), ' +
        'or set it to a superuser URL such as postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  return url;
}

export interface TestDatabase {
  /** The service role's URL for its own database. */
  url: string;
  database: string;
  role: string;
  adminUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh database and login role for one test, provisioned exactly as `emporium up` does
 * for a service, with a unique name so tests can run in parallel. `drop()` removes both.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const adminUrl = testAdminUrl();
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const url = await provisionDatabase(adminUrl, {
    database: name,
    role: name,
    password: randomBytes(12).toString('hex'),
  });
  return {
    url,
    database: name,
    role: name,
    adminUrl,
    drop: () => dropTestDatabase(adminUrl, name),
  };
}

async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`drop role if exists "${name}"`);
  } finally {
    await client.end();
  }
}
