import { provisionDatabase } from '@emporium/platform/db';
import { CliError } from '../cli-error.ts';
import { redactUrl } from './postgres-server.ts';

export interface ServiceDatabase {
  /** The service's name (or `platform`, the event bus's): also its database's and login role's. */
  service: string;
  password: string;
}

/**
 * Database per service: each gets its own database and a login role that alone may
 * connect to it (the chassis's provisionDatabase; safe to repeat on every `up`). The
 * `platform` database, where the PostgreSQL event bus lives, is provisioned the same way.
 * Returns each one's connection URL, by name.
 */
export async function provisionServiceDatabases(
  adminUrl: string,
  databases: readonly ServiceDatabase[],
  secretsDir: string,
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const { service, password } of databases) {
    try {
      urls.set(service, await provisionDatabase(adminUrl, { database: service, role: service, password }));
    } catch (error) {
      const message = (error as Error).message;
      const hint = /password authentication failed/.test(message)
        ? `\nThe superuser password in ${secretsDir}/postgres-superuser-password does not match the cluster's. ` +
          'If that file was regenerated, restore it, or remove the postgres/ folder in EMPORIUM_HOME (this deletes its data).'
        : '';
      throw new CliError(
        'PROVISIONING_FAILED',
        `could not create the ${service} database and role on ${redactUrl(adminUrl)}: ${message}${hint}`,
      );
    }
  }
  return urls;
}
