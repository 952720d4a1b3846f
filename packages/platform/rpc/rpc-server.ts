import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { DescService } from '@bufbuild/protobuf';
import type { ConnectRouter, ServiceImpl } from '@connectrpc/connect';
import { fastifyConnectPlugin } from '@connectrpc/connect-fastify';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { HttpServer } from '../http/index.ts';
import type { Logger } from '../log/index.ts';
import { treatUnparsableMessagesAsInvalidArgument } from './invalid-message-is-invalid-argument.ts';
import { serverInterceptors } from './server-interceptors.ts';

/** The gRPC services a module serves, collected while it mounts. */
export class RpcServices {
  readonly #services: Array<{ service: DescService; implementation: Partial<ServiceImpl<DescService>> }> = [];

  serve<S extends DescService>(service: S, implementation: Partial<ServiceImpl<S>>): void {
    this.#services.push({ service, implementation: implementation as Partial<ServiceImpl<DescService>> });
  }

  get isEmpty(): boolean {
    return this.#services.length === 0;
  }

  /** For Connect's router (a handler, an in-memory router transport). */
  routes = (router: ConnectRouter): void => {
    for (const { service, implementation } of this.#services) router.service(service, implementation);
  };

  /** The same, for the network: with unparsable request messages answered INVALID_ARGUMENT. */
  networkRoutes = (router: ConnectRouter): void => {
    this.routes(router);
    treatUnparsableMessagesAsInvalidArgument(router);
  };
}

export interface RpcServerOptions {
  services: RpcServices;
  logger: Logger;
  /** Largest request message accepted, as the REST body limit. */
  readMaxBytes: number;
}

/**
 * Serves the module's RPCs on its REST server too, over HTTP/1.1: Connect (JSON or binary)
 * and gRPC-Web, for browsers, curl and the benchmark. Inside an encapsulated plugin, so
 * Connect's content-type parsers stay off the REST routes, and hidden from the OpenAPI document.
 */
export async function mountRpcOnHttpServer(app: HttpServer, options: RpcServerOptions): Promise<void> {
  if (options.services.isEmpty) return;
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyConnectPlugin, {
      routes: options.services.networkRoutes,
      interceptors: serverInterceptors(options.logger),
      readMaxBytes: options.readMaxBytes,
    });
  });
}

export interface RpcListener {
  url: string;
  port: number;
  /** Sends GOAWAY to every client, lets in-flight calls finish, then closes; forces after graceMs. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The gRPC listener: cleartext HTTP/2 (h2c) on its own port, serving gRPC, gRPC-Web and
 * Connect. gRPC needs HTTP/2 and Node cannot serve HTTP/1.1 and cleartext HTTP/2 on one
 * port, so services listen twice: REST on PORT, RPC on RPC_PORT. Both go in the registry.
 */
export async function startRpcListener(
  options: RpcServerOptions & { host: string; port: number },
): Promise<RpcListener> {
  const handler = connectNodeAdapter({
    routes: options.services.networkRoutes,
    interceptors: serverInterceptors(options.logger),
    readMaxBytes: options.readMaxBytes,
  });
  const server = http2.createServer(handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', (error) => options.logger.debug({ err: error }, 'rpc session error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.logger.error({ err: error }, 'rpc listener error'));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (graceMs = 5000) => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const session of sessions) session.close();
      const force = setTimeout(() => {
        for (const session of sessions) session.destroy();
      }, graceMs);
      force.unref();
    });
    return closing;
  };
  return { url: `http://${options.host}:${port}`, port, close };
}
