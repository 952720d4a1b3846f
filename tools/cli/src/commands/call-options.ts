import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export const callUsage = `Usage: emporium call <service> <Service/Method> [json] [--timeout <ms>]

Calls a gRPC method of a running service, as another service would: the instance is found
in the service registry, and the call goes through the same client (balancing, eviction,
circuit breaker, bulkhead, deadline). The request is the method's input message as JSON
(proto3 JSON mapping, default {}); the answer is printed as JSON, one line per message for
a server-streaming method.

  emporium call catalog catalog.v1.ProductService/GetProducts '{"skus":["ELEC-HEAD-0001"]}'
  emporium call identity identity.v1.UserService/BatchGetUsers '{"ids":["<uuid>"]}'

Methods may be named <package>.<Service>/<Method> (with or without the leading
"emporium."), <Service>/<Method>, or just <Method>.

The registry is the one a service would use: NATS_URL (NATS KV) or REGISTRY_DATABASE_URL
(the platform database) when set, or what DISCOVERY names; otherwise the one of the
\`emporium up\` running from this EMPORIUM_HOME, as its state file records it.

Options:
  --timeout <ms>  deadline for the whole call, retries included (default ${DEFAULT_CALL_TIMEOUT_MS})
  -h, --help      show this help

Exit status: 0 answered; 1 the call failed (printed as "<code>: <message>") or no registry
was found; 2 usage error (unknown service or method, request not valid JSON for it).
`;

export type CallRequest =
  | { action: 'help' }
  | { action: 'call'; service: string; method: string; json: string; timeoutMs: number };

/** Reads `call`'s arguments; a usage error says what is wrong, then the usage. */
export function parseCallArgs(argv: readonly string[]): CallRequest {
  let parsed: { values: { timeout?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw callUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  const [service, method, json = '{}', ...extra] = positionals;
  if (service === undefined || method === undefined) throw callUsageError('name a service and a method');
  if (extra.length > 0) {
    throw callUsageError(`unexpected argument "${extra[0]}" (quote the JSON request as one argument)`);
  }
  let timeoutMs = DEFAULT_CALL_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^[0-9]+$/.test(values.timeout) || timeoutMs < 1 || timeoutMs > 3_600_000) {
      throw callUsageError(
        `--timeout: "${values.timeout}" is not a number of milliseconds from 1 to 3600000`,
      );
    }
  }
  return { action: 'call', service, method, json, timeoutMs };
}

export function callUsageError(message: string): CliError {
  return new CliError('USAGE', `${message}\n\n${callUsage}`, 2);
}
