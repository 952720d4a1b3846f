import { discoveryConfig } from '@emporium/platform/discovery';
import { type Static, Type } from '@sinclair/typebox';

const port = (fallback: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: fallback, description });
const positive = (fallback: number, description: string) =>
  Type.Integer({ minimum: 1, default: fallback, description });

/** Every variable the gateway reads, checked once at start (see loadConfig). */
export const GatewayConfig = Type.Object({
  GATEWAY_HOST: Type.String({ default: '127.0.0.1', description: 'Interface both listeners bind to' }),
  GATEWAY_PORT: port(8080, 'Plain HTTP port (0 picks a free one)'),
  GATEWAY_TLS_PORT: port(8443, 'HTTPS port (0 picks a free one)'),
  GATEWAY_TLS: Type.Boolean({ default: true, description: 'Serve HTTPS on GATEWAY_TLS_PORT as well' }),
  TLS_CERT_FILE: Type.Optional(
    Type.String({ description: 'PEM certificate chain of a real certificate (with TLS_KEY_FILE)' }),
  ),
  TLS_KEY_FILE: Type.Optional(Type.String({ description: 'PEM private key of TLS_CERT_FILE' })),
  TLS_DEV_DIR: Type.String({
    default: '.emporium/secrets/gateway-tls',
    description:
      'Without TLS_CERT_FILE: where the development CA and localhost certificate are generated on first start and kept',
  }),
  ...discoveryConfig(),
  IDENTITY_JWKS_URL: Type.String({
    pattern: '^https?://',
    description: "URL of identity's JSON Web Key Set, which verifies access tokens",
  }),
  JWKS_REFETCH_COOLDOWN_MS: Type.Integer({
    minimum: 0,
    default: 1_000,
    description: 'Least time between two JWKS fetches caused by tokens naming an unknown key id',
  }),
  CORS_ORIGINS: Type.String({
    default: 'http://localhost:5173,http://127.0.0.1:5173',
    description: "Comma-separated origins allowed to call the API from a browser (the web app's)",
  }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description: 'When set, rate-limit counters live in Redis, shared by every gateway replica',
    }),
  ),
  RATE_LIMIT_NAMESPACE: Type.String({
    default: 'emporium-gateway:',
    description: 'Prefix of the rate-limit keys in Redis',
  }),
  RATE_LIMITS: Type.Optional(
    Type.String({
      description:
        'Per route class overrides as JSON, e.g. {"read":{"max":600,"windowMs":60000},"auth":{"max":10}}',
    }),
  ),
  UPSTREAM_TIMEOUT_MS: positive(10_000, 'How long one attempt of a call to a service may take'),
  UPSTREAM_RETRY_MAX_ATTEMPTS: positive(3, 'Attempts of an idempotent request in all, the first included'),
  UPSTREAM_BREAKER_FAILURES: positive(5, "Consecutive failures that open a service's circuit breaker"),
  UPSTREAM_BREAKER_HALF_OPEN_MS: positive(5_000, 'How long an open breaker refuses before a trial call'),
  UPSTREAM_CONCURRENCY: positive(1_024, 'Requests to one service in flight at once; more wait'),
  UPSTREAM_QUEUE: Type.Integer({ minimum: 0, default: 4_096, description: 'Requests allowed to wait' }),
  UPSTREAM_CONNECTIONS: positive(128, 'Keep-alive connections to each service instance'),
  COMPOSITION_PART_TIMEOUT_MS: positive(1_500, 'Deadline of each part of a composed response'),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576, description: 'Largest request body' }),
  MAX_HEADER_BYTES: Type.Integer({
    minimum: 1024,
    default: 16_384,
    description: 'Largest request head (request line and headers); more is refused with 431',
  }),
  MAX_HEADERS_COUNT: positive(100, 'Most request headers accepted; more is refused'),
  HEADERS_TIMEOUT_MS: positive(10_000, 'A client must send its whole request head within this'),
  REQUEST_TIMEOUT_MS: positive(30_000, 'A client must send its whole request within this'),
  KEEP_ALIVE_TIMEOUT_MS: positive(5_000, 'An idle client connection is closed after this'),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: 'pino log level' },
  ),
  LOG_PRETTY: Type.Boolean({ default: false, description: 'Human-readable logs instead of JSON' }),
  ACCESS_LOG: Type.Boolean({ default: true, description: 'Log one line per request' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000, description: 'Drain time on stop' }),
});
export type GatewayConfig = Static<typeof GatewayConfig>;
