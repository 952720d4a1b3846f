import type { UpSettings } from '../cli-settings.ts';
import type { RegistryLocation } from '../state-file.ts';
import { redactUrl } from './postgres-server.ts';

/**
 * The database and login role of the platform's shared parts, beside the services' own: the
 * PostgreSQL event bus (pg-boss) and the service registry (a table, watched with LISTEN/NOTIFY).
 */
export const PLATFORM_DATABASE = 'platform';

/** Where this run's events travel and its instances register, and what that asks of `up`. */
export interface PlatformPlan {
  /** Whether `up` must provision the `platform` database and role. */
  provisionPlatform: boolean;
  /** The variables every service gets; `platformUrl` is the provisioned database's URL. */
  environment(platformUrl: string | undefined): Record<string, string>;
  /** One line each for the summary, without passwords. */
  eventBus: string;
  registry: string;
  /**
   * For the state file, so `emporium call` finds the registry: where it is, and where its
   * password is kept (never the password itself).
   */
  registryLocation(platformUrl: string | undefined, passwordFile: string): RegistryLocation;
}

/**
 * NATS_URL switches bus and registry to NATS (JetStream, and a KV bucket the services pick
 * themselves), and then nothing is provisioned. Otherwise both live in the `platform`
 * database: PLATFORM_DATABASE_URL when given, else a database and role `up` provisions like
 * a service's.
 */
export function planPlatform(settings: Pick<UpSettings, 'natsUrl' | 'platformDatabaseUrl'>): PlatformPlan {
  const { natsUrl, platformDatabaseUrl } = settings;
  if (natsUrl !== undefined) {
    // NATS_URL may list several servers, comma-separated.
    const servers = natsUrl.split(',').map(redactUrl).join(',');
    return {
      provisionPlatform: false,
      environment: () => ({ NATS_URL: natsUrl }),
      eventBus: `NATS JetStream at ${servers} (NATS_URL)`,
      registry: `NATS KV at ${servers} (NATS_URL)`,
      registryLocation: () => ({ kind: 'nats', address: servers, variable: 'NATS_URL' }),
    };
  }
  const where =
    platformDatabaseUrl === undefined
      ? `the ${PLATFORM_DATABASE} database`
      : `${redactUrl(platformDatabaseUrl)} (PLATFORM_DATABASE_URL)`;
  return {
    provisionPlatform: platformDatabaseUrl === undefined,
    environment: (platformUrl) => {
      const url = platformDatabaseUrl ?? platformUrl ?? '';
      return { BUS_DATABASE_URL: url, REGISTRY_DATABASE_URL: url };
    },
    eventBus: `PostgreSQL (pg-boss) in ${where}`,
    registry: `PostgreSQL table in ${where}`,
    registryLocation: (platformUrl, passwordFile) =>
      platformDatabaseUrl === undefined
        ? { kind: 'postgres', address: withoutPassword(platformUrl ?? ''), passwordFile }
        : { kind: 'postgres', address: redactUrl(platformDatabaseUrl), variable: 'PLATFORM_DATABASE_URL' },
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '';
  }
}
