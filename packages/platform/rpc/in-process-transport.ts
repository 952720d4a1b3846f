import { createRouterTransport, type Transport } from '@connectrpc/connect';
import type { Logger } from '../log/index.ts';
import type { RpcServices } from './rpc-server.ts';
import { clientTracing } from './rpc-tracing.ts';
import { serverInterceptors } from './server-interceptors.ts';

/**
 * Calls to a module hosted in the same process (the monolith topology): Connect's in-memory
 * router, with the interceptors a network call would pass on both sides, so traces, deadlines
 * and error hiding behave alike. Messages are still serialised, as over the wire.
 */
export function createInProcessTransport(services: RpcServices, logger: Logger): Transport {
  return createRouterTransport(services.routes, {
    router: { interceptors: serverInterceptors(logger) },
    transport: { interceptors: [clientTracing] },
  });
}
