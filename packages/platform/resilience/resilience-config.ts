import { type Static, Type } from '@sinclair/typebox';
import { Value, type ValueError, ValueErrorType } from '@sinclair/typebox/value';
// Not config/index.ts: serviceBaseConfig spreads resilienceConfig in, and the cycle would
// leave one side half-initialised depending on which module is loaded first.
import { ConfigError } from '../config/config-error.ts';
import {
  type CallPolicyOverrides,
  type CallPolicySettings,
  defaultCallPolicySettings as defaults,
} from './call-policy-settings.ts';

/** Variables of every service that calls others; spread into its config schema. */
export function resilienceConfig() {
  return {
    RPC_TIMEOUT_MS: Type.Integer({
      minimum: 1,
      default: defaults.timeoutMs,
      description: 'How long one attempt of an outbound call may take',
    }),
    RPC_RETRY_MAX_ATTEMPTS: Type.Integer({
      minimum: 1,
      default: defaults.retry.maxAttempts,
      description: 'Attempts of an idempotent call in all, the first included (1 never retries)',
    }),
    RPC_BREAKER_FAILURES: Type.Integer({
      minimum: 1,
      default: defaults.breaker.consecutiveFailures,
      description: "Consecutive failures that open a target's circuit breaker",
    }),
    RPC_BREAKER_HALF_OPEN_MS: Type.Integer({
      minimum: 1,
      default: defaults.breaker.halfOpenAfterMs,
      description: 'How long an open breaker refuses calls before it lets a trial call through',
    }),
    RPC_BULKHEAD_LIMIT: Type.Integer({
      minimum: 1,
      default: defaults.bulkhead.limit,
      description: 'Calls to one target allowed to run at once',
    }),
    RPC_BULKHEAD_QUEUE: Type.Integer({
      minimum: 0,
      default: defaults.bulkhead.queue,
      description: 'Calls to one target allowed to wait for a slot; more are refused',
    }),
    RPC_POLICIES: Type.Optional(
      Type.String({
        description:
          'Per-target overrides as JSON, e.g. {"catalog":{"timeoutMs":500,"breaker":{"consecutiveFailures":3}}}',
      }),
    ),
  };
}

/** The variables of resilienceConfig; each may be missing, and then takes its default. */
export type ResilienceConfig = Partial<Static<ReturnType<typeof ResilienceConfigSchema>>>;
const ResilienceConfigSchema = () => Type.Object(resilienceConfig());

const strict = { additionalProperties: false } as const;
const whole = (minimum: number) => Type.Optional(Type.Integer({ minimum }));
const TargetOverrides = Type.Object(
  {
    timeoutMs: whole(1),
    retry: Type.Optional(
      Type.Object({ maxAttempts: whole(1), initialDelayMs: whole(0), maxDelayMs: whole(0) }, strict),
    ),
    breaker: Type.Optional(Type.Object({ consecutiveFailures: whole(1), halfOpenAfterMs: whole(1) }, strict)),
    bulkhead: Type.Optional(Type.Object({ limit: whole(1), queue: whole(0) }, strict)),
  },
  strict,
);
const PolicyOverrides = Type.Record(Type.String(), TargetOverrides);

/**
 * Resilience options read from configuration, to spread into createResilience. Throws a
 * ConfigError naming the offending key when RPC_POLICIES is not JSON or not valid overrides.
 */
export function resilienceOptionsFromConfig(
  config: ResilienceConfig,
  service = 'resilience',
): { defaults: CallPolicySettings; settingsFor: (target: string) => CallPolicyOverrides | undefined } {
  const base: CallPolicySettings = {
    timeoutMs: config.RPC_TIMEOUT_MS ?? defaults.timeoutMs,
    retry: { ...defaults.retry, maxAttempts: config.RPC_RETRY_MAX_ATTEMPTS ?? defaults.retry.maxAttempts },
    breaker: {
      consecutiveFailures: config.RPC_BREAKER_FAILURES ?? defaults.breaker.consecutiveFailures,
      halfOpenAfterMs: config.RPC_BREAKER_HALF_OPEN_MS ?? defaults.breaker.halfOpenAfterMs,
    },
    bulkhead: {
      limit: config.RPC_BULKHEAD_LIMIT ?? defaults.bulkhead.limit,
      queue: config.RPC_BULKHEAD_QUEUE ?? defaults.bulkhead.queue,
    },
  };
  const overrides = new Map(Object.entries(parsePolicies(config.RPC_POLICIES, service)));
  return { defaults: base, settingsFor: (target) => overrides.get(target) };
}

function parsePolicies(text: string | undefined, service: string): Static<typeof PolicyOverrides> {
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(service, [`RPC_POLICIES: is not valid JSON (${(error as Error).message})`]);
  }
  if (Value.Check(PolicyOverrides, parsed)) return parsed;
  const problems = [...Value.Errors(PolicyOverrides, parsed)].map(describeProblem);
  throw new ConfigError(service, [...new Set(problems)]);
}

/** "catalog.breaker.consecutiveFailures: expected integer to be greater or equal to 1, got 0" */
function describeProblem(error: ValueError): string {
  const path = error.path.replace(/^\//, '').replaceAll('/', '.');
  const key = path ? `${path}: ` : '';
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const known = Object.keys(error.schema.properties ?? {}).join(', ');
    return `RPC_POLICIES: ${key}is not a setting (known: ${known})`;
  }
  return `RPC_POLICIES: ${key}${error.message.toLowerCase()}, got ${JSON.stringify(error.value)}`;
}
