import { Type } from '@sinclair/typebox';
import { discoveryConfig } from '../discovery/index.ts';
import { resilienceConfig } from '../resilience/index.ts';

/**
 * Variables every service reads; a service's own schema spreads these in. Besides HTTP,
 * database and logs: its gRPC port, how it finds others (discovery) and the policies on
 * its calls to them (resilience).
 */
export function serviceBaseConfig(defaultPort: number) {
  return {
    HOST: Type.String({ default: '127.0.0.1', description: 'Interface the HTTP server binds to' }),
    PORT: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: defaultPort,
      description: 'HTTP port (0 picks a free one)',
    }),
    RPC_PORT: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: defaultPort === 0 ? 0 : defaultPort + 100,
      description: 'gRPC port: cleartext HTTP/2 for gRPC, gRPC-Web and Connect (0 picks a free one)',
    }),
    ADVERTISE_HOST: Type.Optional(
      Type.String({
        description: 'Host other services reach this instance at (default: HOST, or 127.0.0.1 for 0.0.0.0)',
      }),
    ),
    RPC_BALANCING: Type.Union([Type.Literal('round-robin'), Type.Literal('least-pending')], {
      default: 'round-robin',
      description: "How calls spread over a service's instances",
    }),
    ...discoveryConfig(),
    ...resilienceConfig(),
    DATABASE_URL: Type.String({
      pattern: '^postgres(ql)?://',
      description: "PostgreSQL URL of this service's own database",
    }),
    DATABASE_POOL_MAX: Type.Integer({ minimum: 1, default: 10, description: 'Connections in the pool' }),
    LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { default: 'info', description: 'pino log level' },
    ),
    LOG_PRETTY: Type.Boolean({ default: false, description: 'Human-readable logs instead of JSON' }),
    BODY_LIMIT_BYTES: Type.Integer({
      minimum: 1024,
      default: 1_048_576,
      description: 'Largest accepted request body',
    }),
    SHUTDOWN_TIMEOUT_MS: Type.Integer({
      minimum: 100,
      default: 10_000,
      description: 'How long in-flight requests may drain on shutdown',
    }),
    INSTANCE_ID: Type.Optional(Type.String({ description: 'Instance name in logs (default: host and pid)' })),
  };
}
