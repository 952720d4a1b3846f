import type { DescService } from '@bufbuild/protobuf';
import type { Client, ServiceImpl } from '@connectrpc/connect';
import type { Database, Migrations } from '../db/index.ts';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';
import type { Metrics } from '../metrics/index.ts';

/**
 * A bounded context, as a unit the chassis can host: its migrations, what it mounts on the
 * HTTP server, and the gRPC services it serves. The same module runs as its own process, in
 * tests, or beside others (the monolith topology). Whatever `mount` starts (timers,
 * listeners) it stops in an `onClose` hook of `app`.
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
  metrics: Metrics;
  rpc: ModuleRpc;
}

export interface ModuleRpc {
  /** Serves a gRPC service: on RPC_PORT (gRPC, gRPC-Web, Connect over h2c) and on PORT (Connect, gRPC-Web). */
  serve<S extends DescService>(service: S, implementation: Partial<ServiceImpl<S>>): void;
  /** A client of another service, found by name through discovery, under its resilience policies. */
  client<S extends DescService>(service: S, target: string): Client<S>;
}
