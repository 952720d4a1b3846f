import type { UpSettings } from '../cli-settings.ts';
import { redactUrl } from './postgres-server.ts';

/** The database and login role the PostgreSQL event bus (pg-boss) lives in, beside the services' own. */
export const PLATFORM_DATABASE = 'platform';

/** Where this run's events travel, and what that asks of `up`. */
export interface EventBusPlan {
  /** Whether `up` must provision the `platform` database and role. */
  provisionPlatform: boolean;
  /** The variables every service gets; `platformUrl` is the provisioned database's URL. */
  environment(platformUrl: string | undefined): Record<string, string>;
  /** One line for the summary, without passwords. */
  description: string;
}

/**
 * NATS_URL switches the bus to NATS JetStream, and then nothing is provisioned for it.
 * Otherwise the PostgreSQL bus lives in the `platform` database: PLATFORM_DATABASE_URL when
 * given, else a database and role `up` provisions like a service's.
 */
export function planEventBus(settings: Pick<UpSettings, 'natsUrl' | 'platformDatabaseUrl'>): EventBusPlan {
  const { natsUrl, platformDatabaseUrl } = settings;
  if (natsUrl !== undefined) {
    return {
      provisionPlatform: false,
      environment: () => ({ NATS_URL: natsUrl }),
      // NATS_URL may list several servers, comma-separated.
      description: `NATS JetStream at ${natsUrl.split(',').map(redactUrl).join(',')} (NATS_URL)`,
    };
  }
  return {
    provisionPlatform: platformDatabaseUrl === undefined,
    environment: (platformUrl) => ({ BUS_DATABASE_URL: platformDatabaseUrl ?? platformUrl ?? '' }),
    description:
      platformDatabaseUrl === undefined
        ? `PostgreSQL (pg-boss) in the ${PLATFORM_DATABASE} database`
        : `PostgreSQL (pg-boss) at ${redactUrl(platformDatabaseUrl)} (PLATFORM_DATABASE_URL)`,
  };
}
