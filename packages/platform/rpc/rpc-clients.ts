import type {
  DescMessage,
  DescMethodStreaming,
  DescMethodUnary,
  DescService,
  MessageInitShape,
} from '@bufbuild/protobuf';
import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import {
  type Client,
  type ContextValues,
  createClient,
  type StreamResponse,
  type Transport,
  type UnaryResponse,
} from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import type { DiscoveryClient, InstanceLease } from '../discovery/index.ts';
import { NoInstanceError } from '../discovery/index.ts';
import type { CallPolicy, Resilience } from '../resilience/index.ts';
import { currentInboundCall } from './call-context.ts';
import { asInstanceFailure, isInstanceFailure, toRpcError } from './rpc-errors.ts';
import { clientTracing } from './rpc-tracing.ts';

export interface RpcClientsOptions {
  /** Where instances are found; without it only `local` targets can be called. */
  discovery?: DiscoveryClient;
  resilience: Resilience;
  /** Targets hosted in this process (the monolith topology), by service name: in-memory router transports. */
  local?: ReadonlyMap<string, Transport>;
}

/**
 * Clients for other services, made from a contract and a target's name only. Every call
 * picks an instance through discovery (or the in-process router of a co-hosted module),
 * runs under the target's resilience policies, inherits the deadline and cancellation of
 * the inbound call it serves, and fails with a ConnectError that names target and method.
 */
export class RpcClients {
  readonly #options: RpcClientsOptions;
  readonly #instances = new Map<string, { transport: Transport; sessions: GuardedSessionManager }>();

  constructor(options: RpcClientsOptions) {
    this.#options = options;
  }

  client<S extends DescService>(service: S, target: string): Client<S> {
    return createClient(service, this.transportTo(target));
  }

  /** The Transport behind client(): exposed for benchmarks and for wrapping. */
  transportTo(target: string): Transport {
    const policy = this.#options.resilience.policyFor(target);
    // Looked up per call: in the monolith a module may call one that starts after it.
    return new TargetTransport(target, policy, (signal) => {
      const local = this.#options.local?.get(target);
      return local ? Promise.resolve({ transport: local }) : this.#pick(target, signal);
    });
  }

  async close(): Promise<void> {
    for (const { sessions } of this.#instances.values()) sessions.abort();
    this.#instances.clear();
  }

  async #pick(target: string, signal: AbortSignal): Promise<Picked> {
    const discovery = this.#options.discovery;
    if (!discovery) {
      throw new NoInstanceError(
        `no service registry is configured, so '${target}' cannot be found (set DISCOVERY)`,
      );
    }
    const lease = await discovery.pick(target, { signal });
    if (lease.instance.rpcUrl === '') {
      lease.release();
      throw new NoInstanceError(
        `'${target}' serves no RPCs (its instances announce no gRPC address)`,
        target,
      );
    }
    return { transport: this.#transportFor(lease.instance.rpcUrl), lease };
  }

  #transportFor(rpcUrl: string): Transport {
    let instance = this.#instances.get(rpcUrl);
    if (!instance) {
      const sessions = new GuardedSessionManager(rpcUrl, { idleConnectionTimeoutMs: 60_000 });
      const transport = createGrpcTransport({
        baseUrl: rpcUrl,
        sessionManager: sessions,
        interceptors: [clientTracing],
        // Calls stay inside the platform's network: compressing answers costs more CPU than it saves.
        acceptCompression: [],
      });
      instance = { transport, sessions };
      this.#instances.set(rpcUrl, instance);
    }
    return instance.transport;
  }
}

/**
 * Node destroys a session that met a protocol error at once but emits its 'error' later;
 * connect-node 2.1 has moved on to a new session by then and removed its listener, so the
 * late event would crash the process (a peer that does not speak h2c is enough). Every
 * session this manager hands out keeps a listener; connect-node still sees the errors.
 */
class GuardedSessionManager extends Http2SessionManager {
  readonly #guarded = new WeakSet<object>();

  override async request(...args: Parameters<Http2SessionManager['request']>) {
    const stream = await super.request(...args);
    const session = stream.session;
    if (session && !this.#guarded.has(session)) {
      this.#guarded.add(session);
      session.on('error', () => {});
    }
    return stream;
  }
}

interface Picked {
  transport: Transport;
  lease?: InstanceLease;
}

function isIdempotent(method: DescMethodUnary | DescMethodStreaming): boolean {
  return (
    method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS ||
    method.idempotency === MethodOptions_IdempotencyLevel.IDEMPOTENT
  );
}

/** The caller's deadline: the nearer of its own timeout and the inbound call's. */
function callBounds(timeoutMs: number | undefined, signal: AbortSignal | undefined) {
  const inbound = currentInboundCall();
  const own = timeoutMs === undefined || timeoutMs <= 0 ? undefined : Date.now() + timeoutMs;
  const deadlines = [own, inbound?.deadline].filter((value): value is number => value !== undefined);
  const signals = [signal, inbound?.signal].filter((value): value is AbortSignal => value !== undefined);
  return {
    deadline: deadlines.length > 0 ? Math.min(...deadlines) : undefined,
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
  };
}

function attemptTimeout(policy: CallPolicy, deadline: number | undefined): number {
  const remaining = deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(1, deadline - Date.now());
  return Math.min(policy.settings.timeoutMs, remaining);
}

class TargetTransport implements Transport {
  constructor(
    private readonly target: string,
    private readonly policy: CallPolicy,
    private readonly pick: (signal: AbortSignal) => Promise<Picked>,
  ) {}

  async unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    header: ConstructorParameters<typeof Headers>[0],
    input: MessageInitShape<I>,
    contextValues?: ContextValues,
  ): Promise<UnaryResponse<I, O>> {
    const bounds = callBounds(timeoutMs, signal);
    try {
      return await this.policy.execute(
        async (attempt) => {
          const { transport, lease } = await this.pick(attempt.signal);
          try {
            const response = await transport.unary(
              method,
              attempt.signal,
              attemptTimeout(this.policy, bounds.deadline),
              new Headers(header),
              input,
              contextValues,
            );
            lease?.release();
            return response;
          } catch (error) {
            const failure = asInstanceFailure(error, attempt.signal);
            lease?.release({ evict: isInstanceFailure(failure) });
            throw failure;
          }
        },
        { idempotent: isIdempotent(method), signal: bounds.signal, deadline: bounds.deadline },
      );
    } catch (error) {
      throw toRpcError(error, this.target, `${method.parent.name}/${method.name}`);
    }
  }

  /**
   * Streams are never retried (part of the answer may have been used) and hold the instance
   * until the last message: the policies govern opening the stream, the deadline all of it.
   */
  async stream<I extends DescMessage, O extends DescMessage>(
    method: DescMethodStreaming<I, O>,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    header: ConstructorParameters<typeof Headers>[0],
    input: AsyncIterable<MessageInitShape<I>>,
    contextValues?: ContextValues,
  ): Promise<StreamResponse<I, O>> {
    const bounds = callBounds(timeoutMs, signal);
    const where = `${method.parent.name}/${method.name}`;
    try {
      const { response, lease } = await this.policy.execute(
        async (attempt) => {
          const { transport, lease } = await this.pick(attempt.signal);
          // The attempt's timeout may cut the opening short, but not the stream once it is open.
          const opening = new AbortController();
          const cutOpening = () => opening.abort(attempt.signal.reason);
          attempt.signal.addEventListener('abort', cutOpening, { once: true });
          const streamSignal = bounds.signal
            ? AbortSignal.any([opening.signal, bounds.signal])
            : opening.signal;
          try {
            const remaining =
              bounds.deadline === undefined ? undefined : Math.max(1, bounds.deadline - Date.now());
            const response = await transport.stream(
              method,
              streamSignal,
              remaining,
              new Headers(header),
              input,
              contextValues,
            );
            return { response, lease };
          } catch (error) {
            const failure = asInstanceFailure(error, streamSignal);
            lease?.release({ evict: isInstanceFailure(failure) });
            throw failure;
          } finally {
            attempt.signal.removeEventListener('abort', cutOpening);
          }
        },
        { idempotent: false, signal: bounds.signal, deadline: bounds.deadline },
      );
      return { ...response, message: releasing(response.message, lease, bounds.signal, this.target, where) };
    } catch (error) {
      throw toRpcError(error, this.target, where);
    }
  }
}

async function* releasing<T>(
  messages: AsyncIterable<T>,
  lease: InstanceLease | undefined,
  callerSignal: AbortSignal | undefined,
  target: string,
  where: string,
) {
  try {
    yield* messages;
    lease?.release();
  } catch (error) {
    const failure = asInstanceFailure(error, callerSignal ?? new AbortController().signal);
    lease?.release({ evict: isInstanceFailure(failure) });
    throw toRpcError(failure, target, where);
  } finally {
    lease?.release();
  }
}
