import {
  type DescMessage,
  type DescMethod,
  type DescMethodServerStreaming,
  type DescMethodUnary,
  fromJson,
  type JsonValue,
  type MessageShape,
  toJson,
} from '@bufbuild/protobuf';
import { ConfigError } from '@emporium/platform/config';
import { connectRegistry, createDiscoveryClient } from '@emporium/platform/discovery';
import { createLogger } from '@emporium/platform/log';
import { createResilience, defaultCallPolicySettings } from '@emporium/platform/resilience';
import { Code, ConnectError, isRetryable, isTargetFailure, RpcClients } from '@emporium/platform/rpc';
import { CliError } from '../cli-error.ts';
import type { ChosenRegistry } from './registry-settings.ts';
import { shortName } from './rpc-contracts.ts';

export interface MethodCall {
  registry: ChosenRegistry;
  target: string;
  method: DescMethod;
  /** The request as the operator typed it. */
  json: string;
  timeoutMs: number;
  /** One line of output. */
  print(line: string): void;
}

/**
 * Calls one method the way a service calls another: through the chassis's RpcClients, with
 * a discovery client over the registry and the resilience policies, so what `call` sees is
 * what a caller sees. Only the per-attempt timeout is the operator's deadline rather than the
 * in-cluster default, which suits a person waiting on a terminal.
 */
export async function callMethod(call: MethodCall): Promise<void> {
  const { method } = call;
  if (!isUnary(method) && !isServerStreaming(method)) {
    throw new CliError('USAGE', `${method.name} takes a stream of requests; call sends one request`, 2);
  }
  const input = parseRequest(method.input, call.json);
  // A pino logger writes to stdout, which carries the answer; what goes wrong is thrown instead.
  const logger = createLogger({ service: 'emporium-call', level: 'silent', pretty: false });
  let registry: ReturnType<typeof connectRegistry>;
  try {
    registry = connectRegistry(call.registry.settings, logger);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError('REGISTRY_UNKNOWN', error.message);
    throw error;
  }
  if (!registry) {
    throw new CliError(
      'REGISTRY_UNKNOWN',
      `no registry is configured in ${call.registry.source} (DISCOVERY=none?)`,
    );
  }
  const discovery = createDiscoveryClient(registry, { logger });
  const resilience = createResilience({
    defaults: { ...defaultCallPolicySettings, timeoutMs: call.timeoutMs },
    isFailure: isTargetFailure,
    isRetryable,
  });
  const clients = new RpcClients({ discovery, resilience });
  try {
    const transport = clients.transportTo(call.target);
    if (isUnary(method)) {
      const response = await transport.unary(method, undefined, call.timeoutMs, undefined, input);
      call.print(JSON.stringify(toJson(method.output, response.message), null, 2));
    } else {
      const response = await transport.stream(method, undefined, call.timeoutMs, undefined, once(input));
      for await (const message of response.message)
        call.print(JSON.stringify(toJson(method.output, message)));
    }
  } catch (error) {
    if (error instanceof ConnectError)
      throw new CliError('RPC_FAILED', `${codeName(error.code)}: ${error.rawMessage}`);
    throw error;
  } finally {
    await clients.close();
    await discovery.close();
    await registry.close();
  }
}

/** The request as the method's input message; a usage error names the message and the problem. */
function parseRequest<I extends DescMessage>(schema: I, text: string): MessageShape<I> {
  let json: JsonValue;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError('USAGE', `the request is not JSON: ${(error as Error).message}`, 2);
  }
  try {
    return fromJson(schema, json);
  } catch (error) {
    throw new CliError(
      'USAGE',
      `the request is not a valid ${shortName(schema)}: ${(error as Error).message}`,
      2,
    );
  }
}

// DescMethod's kind is a plain field, not a discriminated union: these let TypeScript follow it.
function isUnary(method: DescMethod): method is DescMethodUnary {
  return method.methodKind === 'unary';
}

function isServerStreaming(method: DescMethod): method is DescMethodServerStreaming {
  return method.methodKind === 'server_streaming';
}

async function* once<T>(message: T): AsyncIterable<T> {
  yield message;
}

/** gRPC's canonical spelling, as grpcurl and the gRPC docs print it: `INVALID_ARGUMENT`. */
function codeName(code: Code): string {
  return (Code[code] ?? String(code)).replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
