import { type Static, type TObject, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
// Not the config index: it loads serviceBaseConfig, which spreads discoveryConfig() from here.
import { ConfigError } from '../config/config-error.ts';
import type { Logger } from '../log/index.ts';
import { createNatsRegistry } from './registry/nats-registry.ts';
import { createPostgresRegistry } from './registry/postgres-registry.ts';
import { createStaticRegistry, type StaticServices } from './registry/static-registry.ts';
import { asError, assertAnnouncement, type ServiceRegistry } from './service-registry.ts';

/** Variables of every service that registers or calls others; spread into its config schema. */
export function discoveryConfig() {
  return {
    DISCOVERY: Type.Union(
      [
        Type.Literal('auto'),
        Type.Literal('postgres'),
        Type.Literal('nats'),
        Type.Literal('static'),
        Type.Literal('none'),
      ],
      {
        default: 'auto',
        description:
          'Service registry: auto is nats when NATS_URL is set, postgres when REGISTRY_DATABASE_URL is set, ' +
          'else none; static reads STATIC_SERVICES (Kubernetes Service DNS names)',
      },
    ),
    // As eventBusConfig() defines it, so a schema may spread both.
    NATS_URL: Type.Optional(
      Type.String({
        pattern: '^(nats|tls)://',
        description: 'NATS server(s); when set, events ride JetStream',
      }),
    ),
    REGISTRY_DATABASE_URL: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        description: 'The `platform` database holding the PostgreSQL service registry',
      }),
    ),
    STATIC_SERVICES: Type.Optional(
      Type.String({
        description:
          "For DISCOVERY=static, a JSON object of each service's addresses: " +
          '{"catalog":[{"rpcUrl":"http://catalog:4102","httpUrl":"http://catalog:4002"}]}',
      }),
    ),
    REGISTRY_TTL_MS: Type.Integer({
      minimum: 1_000,
      default: 10_000,
      description:
        'How long an instance stays registered after its last heartbeat (heartbeats every TTL / 3)',
    }),
    ZONE: Type.String({ minLength: 1, default: 'local', description: 'The zone this instance announces' }),
  };
}

export type DiscoverySettings = Static<TObject<ReturnType<typeof discoveryConfig>>>;

/** An address as STATIC_SERVICES gives it; only rpcUrl is required. */
const StaticAddress = Type.Object(
  {
    rpcUrl: Type.String(),
    httpUrl: Type.Optional(Type.String()),
    id: Type.Optional(Type.String({ minLength: 1 })),
    version: Type.Optional(Type.String()),
    zone: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const StaticServicesSchema = Type.Record(Type.String(), Type.Array(StaticAddress, { minItems: 1 }));

/** STATIC_SERVICES read and checked; the error says which entry is wrong and how. */
export function parseStaticServices(json: string): StaticServices {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`is not JSON (${asError(error).message})`);
  }
  if (!Value.Check(StaticServicesSchema, value)) {
    const [first] = Value.Errors(StaticServicesSchema, value);
    const where = first?.path ? ` at ${first.path}` : '';
    throw new Error(
      `${first?.message.toLowerCase() ?? 'is not valid'}${where}; expected an object of arrays such as ` +
        '{"catalog":[{"rpcUrl":"http://catalog:4102","httpUrl":"http://catalog:4002"}]}',
    );
  }
  for (const [service, addresses] of Object.entries(value)) {
    for (const [index, address] of addresses.entries()) {
      try {
        assertAnnouncement({
          service,
          id: address.id ?? service,
          rpcUrl: address.rpcUrl,
          httpUrl: address.httpUrl ?? address.rpcUrl,
          version: '',
          zone: '',
        });
      } catch (error) {
        throw new Error(`${service}[${index}]: ${asError(error).message}`);
      }
    }
  }
  return value;
}

/**
 * The registry configuration asks for, or undefined for none (DISCOVERY=none, or auto with
 * nothing configured): the service then serves but registers nowhere and finds no one.
 * Throws ConfigError for a back end chosen without its address, or a bad STATIC_SERVICES.
 */
export function connectRegistry(
  settings: Partial<DiscoverySettings>,
  logger: Logger,
): ServiceRegistry | undefined {
  const { NATS_URL, REGISTRY_DATABASE_URL, STATIC_SERVICES } = settings;
  const ttlMs = settings.REGISTRY_TTL_MS ?? 10_000;
  const registry = { settings: { ttlMs }, logger };
  const discovery = settings.DISCOVERY ?? 'auto';
  const kind =
    discovery !== 'auto' ? discovery : NATS_URL ? 'nats' : REGISTRY_DATABASE_URL ? 'postgres' : 'none';
  if (discovery === 'auto' && STATIC_SERVICES) {
    logger.warn(`STATIC_SERVICES is set but DISCOVERY=auto chose ${kind}; set DISCOVERY=static to use it`);
  }
  const missing = (variable: string) =>
    new ConfigError('discovery', [`${variable}: is required when DISCOVERY=${kind}`]);
  switch (kind) {
    case 'nats':
      if (!NATS_URL) throw missing('NATS_URL');
      return createNatsRegistry({ url: NATS_URL, ...registry });
    case 'postgres':
      if (!REGISTRY_DATABASE_URL) throw missing('REGISTRY_DATABASE_URL');
      return createPostgresRegistry({ url: REGISTRY_DATABASE_URL, ...registry });
    case 'static': {
      if (!STATIC_SERVICES) throw missing('STATIC_SERVICES');
      try {
        return createStaticRegistry(parseStaticServices(STATIC_SERVICES), {
          heartbeatMs: Math.round(ttlMs / 3),
          logger,
        });
      } catch (error) {
        throw new ConfigError('discovery', [`STATIC_SERVICES: ${asError(error).message}`]);
      }
    }
    default:
      logger.info(
        'no service registry (DISCOVERY, NATS_URL or REGISTRY_DATABASE_URL): this instance finds no one',
      );
      return undefined;
  }
}
