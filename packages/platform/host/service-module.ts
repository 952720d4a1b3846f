import type { Database, Migrations } from '../db/index.ts';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';

/**
 * A bounded context, as a unit the chassis can host: its migrations and what it mounts on
 * the HTTP server. The same module runs as its own process, in tests, or beside others.
 * Whatever `mount` starts (timers, listeners) it stops in an `onClose` hook of `app`.
 */
export interface ServiceModule<Schema> {
  name: string;
  version: string;
  description: string;
  migrations: Migrations;
  mount(context: ModuleContext<Schema>): Promise<void>;
}

export interface ModuleContext<Schema> {
  app: HttpServer;
  database: Database<Schema>;
  logger: Logger;
}
