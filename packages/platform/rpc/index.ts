export { currentInboundCall, type InboundCall } from './call-context.ts';
export { createInProcessTransport } from './in-process-transport.ts';
export { RpcClients, type RpcClientsOptions } from './rpc-clients.ts';
export {
  Code,
  ConnectError,
  isInstanceFailure,
  isRetryable,
  isTargetFailure,
  toRpcError,
} from './rpc-errors.ts';
export {
  mountRpcOnHttpServer,
  type RpcListener,
  type RpcServerOptions,
  RpcServices,
  startRpcListener,
} from './rpc-server.ts';
