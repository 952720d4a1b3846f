import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What an inbound RPC hands on to the calls its handler makes: the caller's deadline (epoch
 * ms) and its cancellation. A handler calling another service inherits both, so a chain of
 * calls never outlives the first caller's patience.
 */
export interface InboundCall {
  deadline: number | undefined;
  signal: AbortSignal;
}

const inbound = new AsyncLocalStorage<InboundCall>();

export function runInboundCall<T>(call: InboundCall, fn: () => T): T {
  return inbound.run(call, fn);
}

export function currentInboundCall(): InboundCall | undefined {
  return inbound.getStore();
}

/** gRPC's `grpc-timeout` ("250m", "2S", "1H") or Connect's `connect-timeout-ms`, in ms. */
export function requestTimeoutMs(header: Headers): number | undefined {
  const connect = header.get('connect-timeout-ms');
  if (connect !== null && /^\d{1,10}$/.test(connect)) return Number(connect);
  const grpc = header.get('grpc-timeout')?.match(/^(\d{1,8})([HMSmun])$/);
  if (!grpc) return undefined;
  const units: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 };
  return Number(grpc[1]) * (units[grpc[2] as string] as number);
}
