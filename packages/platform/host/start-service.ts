import type { AddressInfo } from 'node:net';
import { createDatabase, type Database, migrateToLatest } from '../db/index.ts';
import { createHttpServer, type HttpServer } from '../http/index.ts';
import { createLogger, type Logger } from '../log/index.ts';
import type { ServiceModule } from './service-module.ts';

/** What every hosted service needs from its configuration (see serviceBaseConfig). */
export interface HostConfig {
  HOST: string;
  PORT: number;
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  LOG_LEVEL: string;
  LOG_PRETTY: boolean;
  BODY_LIMIT_BYTES: number;
  SHUTDOWN_TIMEOUT_MS: number;
  INSTANCE_ID?: string | undefined;
}

export interface RunningService<Schema> {
  name: string;
  url: string;
  app: HttpServer;
  database: Database<Schema>;
  logger: Logger;
  /** Graceful: stop accepting, drain in-flight requests, run close hooks, close the pool. */
  stop(): Promise<void>;
}

/** Connects, migrates, mounts the module and listens. Fails fast with the reason. */
export async function startService<Schema>(
  module: ServiceModule<Schema>,
  config: HostConfig,
  logger: Logger = createLogger({
    service: module.name,
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY,
    instance: config.INSTANCE_ID,
  }),
): Promise<RunningService<Schema>> {
  const database = createDatabase<Schema>({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    applicationName: module.name,
  });
  let app: HttpServer | undefined;
  try {
    const applied = await migrateToLatest(database.db, module.migrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');

    app = await createHttpServer({
      service: module.name,
      version: module.version,
      description: module.description,
      logger,
      bodyLimit: config.BODY_LIMIT_BYTES,
      readiness: [{ name: 'database', check: database.ping }],
    });
    await module.mount({ app, database, logger });
    await app.listen({ host: config.HOST, port: config.PORT });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://${config.HOST}:${port}`;

    const server = app;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= server.close().finally(() => database.close());
      return stopping;
    };
    return { name: module.name, url, app: server, database, logger, stop };
  } catch (error) {
    // Close hooks stop whatever the module started before the failure (its relay, timers).
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
