/**
 * Rate limits per client (the verified user, else the IP address) and per route class, with
 * @fastify/rate-limit: its in-process store by default, its Redis store when REDIS_URL is set
 * (every gateway replica then counts against the same budget). Answers carry the IETF
 * RateLimit-Limit / -Remaining / -Reset headers, and a refusal Retry-After.
 */
import { ConfigError } from '@emporium/platform/config';
import type { ProblemError } from '@emporium/platform/http';
import rateLimit from '@fastify/rate-limit';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimited } from '../errors.ts';
import { RATE_CLASSES, type RateClass } from '../routes/route-table.ts';

export interface RateLimit {
  max: number;
  windowMs: number;
}
export type RateLimits = Record<RateClass, RateLimit>;

/** Budgets a shopper on a busy page does not hit; logins are kept tight against guessing. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  auth: { max: 20, windowMs: 60_000 },
  read: { max: 1_200, windowMs: 60_000 },
  write: { max: 120, windowMs: 60_000 },
  admin: { max: 600, windowMs: 60_000 },
};

const Override = Type.Object(
  {
    max: Type.Optional(Type.Integer({ minimum: 1 })),
    windowMs: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);
const Overrides = Type.Partial(
  Type.Object(
    Object.fromEntries(RATE_CLASSES.map((name) => [name, Override])) as Record<RateClass, typeof Override>,
  ),
  { additionalProperties: false },
);

/** RATE_LIMITS (JSON) over the defaults; a ConfigError names what is wrong. */
export function parseRateLimits(json: string | undefined): RateLimits {
  if (json === undefined || json.trim() === '') return DEFAULT_RATE_LIMITS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError('gateway', [`RATE_LIMITS: is not JSON (${(error as Error).message})`]);
  }
  if (!Value.Check(Overrides, parsed)) {
    const problems = [...Value.Errors(Overrides, parsed)].map(
      (error) =>
        `RATE_LIMITS: ${error.path || '/'} ${error.message.toLowerCase()} (classes: ${RATE_CLASSES.join(', ')})`,
    );
    throw new ConfigError('gateway', problems);
  }
  const given: Static<typeof Overrides> = parsed;
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const name of RATE_CLASSES) limits[name] = { ...limits[name], ...given[name] };
  return limits;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route class a gateway route counts against; routes without one are not limited. */
    rateClass?: RateClass;
  }
}

/** Who is counted: the verified user across devices, else the address. */
export function clientKeyOf(request: FastifyRequest): string {
  return request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`;
}

export async function registerRateLimits(
  app: FastifyInstance,
  options: { limits: RateLimits; redis?: Redis | undefined; namespace: string },
): Promise<void> {
  const limitOf = (request: FastifyRequest) =>
    options.limits[request.routeOptions.config.rateClass ?? 'read'];
  await app.register(rateLimit, {
    global: true,
    // Route hooks run after the app's onRequest hooks, so the caller is already verified here.
    hook: 'onRequest',
    allowList: (request) => request.routeOptions.config.rateClass === undefined,
    keyGenerator: (request) => `${request.routeOptions.config.rateClass ?? 'read'}:${clientKeyOf(request)}`,
    max: (request) => limitOf(request).max,
    timeWindow: (request) => limitOf(request).windowMs,
    enableDraftSpec: true,
    ...(options.redis ? { redis: options.redis, nameSpace: options.namespace } : {}),
    // A refusal is a problem document like any other; the plugin has set Retry-After.
    errorResponseBuilder: (_request, context) =>
      RateLimited(`Too many requests; try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`, {
        limit: context.max,
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}

/**
 * Refused tokens count against the address, in the `auth` budget: the limits above run after
 * the token check (they key on the verified user), so without this a client sending forged or
 * expired tokens would never be slowed down. Call after registerRateLimits.
 */
export function failedTokenLimit(
  app: FastifyInstance,
  limits: RateLimits,
): (request: FastifyRequest) => Promise<ProblemError | undefined> {
  const count = app.createRateLimit({
    max: limits.auth.max,
    timeWindow: limits.auth.windowMs,
    keyGenerator: (request) => `failed-token:ip:${request.ip}`,
  });
  return async (request) => {
    const outcome = await count(request);
    if (outcome.isAllowed || !outcome.isExceeded) return undefined;
    const seconds = Math.max(1, outcome.ttlInSeconds);
    return RateLimited(`Too many refused tokens from this address; try again in ${seconds} s`, {
      limit: outcome.max,
      retryAfterSeconds: seconds,
    });
  };
}
