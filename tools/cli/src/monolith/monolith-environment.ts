import type { Environment } from '../cli-settings.ts';

/**
 * How the supervisor tells the monolith process what to host: the services, in start order,
 * and each one's own variables. Several services read the same names (PORT, DATABASE_URL),
 * so their values cannot all be plain variables; they travel as one JSON variable instead.
 */
const MONOLITH_PREFIX = 'EMPORIUM_MONOLITH_';
export const MONOLITH_SERVICES = `${MONOLITH_PREFIX}SERVICES`;
export const MONOLITH_ENV = `${MONOLITH_PREFIX}ENV`;
/** The monolith process's entry, relative to the repository root. */
export const MONOLITH_ENTRY = 'tools/cli/src/monolith/monolith-main.ts';
/** Its label in the supervisor's output and its OTEL_SERVICE_NAME. */
export const MONOLITH_NAME = 'monolith';

export interface HostedServiceEnvironment {
  name: string;
  env: Record<string, string>;
}

/** The two variables for `services`. */
export function encodeMonolithEnvironment(
  services: readonly HostedServiceEnvironment[],
): Record<string, string> {
  return {
    [MONOLITH_SERVICES]: services.map((service) => service.name).join(','),
    [MONOLITH_ENV]: JSON.stringify(
      Object.fromEntries(services.map((service) => [service.name, service.env])),
    ),
  };
}

export interface MonolithPlan {
  /** In start order. */
  services: string[];
  /** The process's environment without the EMPORIUM_MONOLITH_ variables, and the service's own over it. */
  environmentOf(service: string): Environment;
}

/** Reads what encodeMonolithEnvironment wrote; throws an Error saying what is wrong. */
export function decodeMonolithEnvironment(env: Environment): MonolithPlan {
  const services = (env[MONOLITH_SERVICES] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (services.length === 0) throw new Error(`${MONOLITH_SERVICES} names no service to host`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(env[MONOLITH_ENV] ?? '{}');
  } catch (error) {
    throw new Error(`${MONOLITH_ENV} is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new Error(`${MONOLITH_ENV} must be an object of services' variables`);
  const own = new Map<string, Record<string, string>>();
  for (const service of services) {
    const variables = parsed[service] ?? {};
    if (!isRecord(variables) || !Object.values(variables).every((value) => typeof value === 'string')) {
      throw new Error(`${MONOLITH_ENV}.${service} must be an object of string variables`);
    }
    own.set(
      service,
      Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(value)])),
    );
  }
  const shared = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith(MONOLITH_PREFIX)),
  );
  return { services, environmentOf: (service) => ({ ...shared, ...own.get(service) }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
