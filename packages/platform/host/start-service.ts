import type { AddressInfo } from 'node:net';
import type { Transport } from '@connectrpc/connect';
import { createDatabase, type Database, migrateToLatest } from '../db/index.ts';
import type { Registration, ServiceRegistry } from '../discovery/index.ts';
import { createHttpServer, type HttpServer } from '../http/index.ts';
import { createLogger, type Logger } from '../log/index.ts';
import { createMetrics, registerMetricsRoute } from '../metrics/index.ts';
import { mountRpcOnHttpServer, type RpcListener, RpcServices, startRpcListener } from '../rpc/index.ts';
import type { HostConfig } from './host-config.ts';
import { startOutboundRpc } from './outbound-rpc.ts';
import { serviceInstanceId } from './service-instance-id.ts';
import type { ServiceModule } from './service-module.ts';

export type { HostConfig } from './host-config.ts';

export interface StartServiceOptions {
  logger?: Logger;
  /** A registry shared with other modules in this process; default: one from the config (or none). */
  registry?: ServiceRegistry;
  /** Co-hosted modules' in-memory transports, by service name (the monolith topology). */
  local?: ReadonlyMap<string, Transport>;
}

export interface RunningService<Schema> {
  name: string;
  instanceId: string;
  url: string;
  /** The h2c gRPC listener, when the module serves RPCs. */
  rpcUrl: string | undefined;
  app: HttpServer;
  database: Database<Schema>;
  logger: Logger;
  /** The gRPC services the module serves, for an in-process transport to them. */
  rpcServices: RpcServices;
  /**
   * Graceful: leave the registry (so callers stop picking this instance), stop accepting,
   * drain in-flight requests and calls, run close hooks, close connections and the pool.
   */
  stop(): Promise<void>;
}

/**
 * Connects, migrates, mounts the module, listens (REST on PORT, gRPC on RPC_PORT when the
 * module serves any) and registers the instance. Fails fast with the reason, leaving nothing open.
 */
export async function startService<Schema>(
  module: ServiceModule<Schema>,
  config: HostConfig,
  options: StartServiceOptions = {},
): Promise<RunningService<Schema>> {
  const instanceId = serviceInstanceId(module.name, config.INSTANCE_ID);
  const logger =
    options.logger ??
    createLogger({
      service: module.name,
      level: config.LOG_LEVEL,
      pretty: config.LOG_PRETTY,
      instance: instanceId,
    });
  const database = createDatabase<Schema>({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    applicationName: module.name,
  });
  const cleanups: Array<() => Promise<void>> = [() => database.close()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    const applied = await migrateToLatest(database.db, module.migrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');

    const metrics = createMetrics({ service: module.name, instance: instanceId });
    const outbound = await startOutboundRpc({
      config,
      logger,
      metrics,
      registry: options.registry,
      local: options.local,
    });
    cleanups.push(outbound.close);
    const rpcServices = new RpcServices();

    const app = await createHttpServer({
      service: module.name,
      version: module.version,
      description: module.description,
      logger,
      bodyLimit: config.BODY_LIMIT_BYTES,
      readiness: [{ name: 'database', check: database.ping }],
    });
    cleanups.push(() => app.close());
    registerMetricsRoute(app, metrics);
    app.get('/health/dependencies', { schema: { hide: true } }, async () => outbound.snapshot());
    await module.mount({
      app,
      database,
      logger,
      metrics,
      rpc: {
        serve: (service, implementation) => rpcServices.serve(service, implementation),
        client: (service, target) => outbound.clients.client(service, target),
      },
    });
    const rpcOptions = { services: rpcServices, logger, readMaxBytes: config.BODY_LIMIT_BYTES };
    await mountRpcOnHttpServer(app, rpcOptions);
    await app.listen({ host: config.HOST, port: config.PORT });

    let rpcListener: RpcListener | undefined;
    if (!rpcServices.isEmpty) {
      rpcListener = await startRpcListener({ ...rpcOptions, host: config.HOST, port: config.RPC_PORT ?? 0 });
      const listener = rpcListener;
      cleanups.push(() => listener.close(config.SHUTDOWN_TIMEOUT_MS));
    }

    const advertised = config.ADVERTISE_HOST ?? (isWildcard(config.HOST) ? '127.0.0.1' : config.HOST);
    const url = `http://${advertised}:${(app.server.address() as AddressInfo).port}`;
    const rpcUrl = rpcListener && `http://${advertised}:${rpcListener.port}`;
    let registration: Registration | undefined;
    if (outbound.registry) {
      registration = await outbound.registry.register({
        service: module.name,
        id: instanceId,
        httpUrl: url,
        // Empty when the module serves no RPCs: callers must not speak gRPC to its REST port.
        rpcUrl: rpcUrl ?? '',
        version: module.version,
        zone: config.ZONE ?? 'local',
      });
      const registered = registration;
      cleanups.push(() => registered.deregister());
      logger.info({ registry: outbound.registry.kind, instance: instanceId }, 'registered');
    }

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= cleanUp();
      return stopping;
    };
    return { name: module.name, instanceId, url, rpcUrl, app, database, logger, rpcServices, stop };
  } catch (error) {
    // Closing the server runs the close hooks, which stop what the module started before
    // the failure (its relay, timers).
    await cleanUp();
    throw error;
  }
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
