/** How calls to one target are guarded; the defaults suit a request/response RPC inside the cluster. */
export interface CallPolicySettings {
  /** Per attempt. */
  timeoutMs: number;
  /** `maxAttempts` counts every attempt, the first included; delays grow exponentially with jitter. */
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Calls running at once, and calls allowed to wait for a slot; any more are refused. */
  bulkhead: { limit: number; queue: number };
}

/** Overrides for one target: any setting, or any part of a group, may be left out. */
export interface CallPolicyOverrides {
  timeoutMs?: number | undefined;
  retry?: Partial<CallPolicySettings['retry']> | undefined;
  breaker?: Partial<CallPolicySettings['breaker']> | undefined;
  bulkhead?: Partial<CallPolicySettings['bulkhead']> | undefined;
}

export const defaultCallPolicySettings: CallPolicySettings = Object.freeze({
  timeoutMs: 2000,
  retry: Object.freeze({ maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 1000 }),
  breaker: Object.freeze({ consecutiveFailures: 5, halfOpenAfterMs: 5000 }),
  bulkhead: Object.freeze({ limit: 64, queue: 256 }),
});

/** `overrides` over `base`, group by group, so `{ breaker: { consecutiveFailures: 3 } }` keeps the rest. */
export function mergeCallPolicySettings(
  base: CallPolicySettings,
  overrides: CallPolicyOverrides | undefined,
): CallPolicySettings {
  if (!overrides) return base;
  const { retry = {}, breaker = {}, bulkhead = {} } = overrides;
  return {
    timeoutMs: overrides.timeoutMs ?? base.timeoutMs,
    retry: {
      maxAttempts: retry.maxAttempts ?? base.retry.maxAttempts,
      initialDelayMs: retry.initialDelayMs ?? base.retry.initialDelayMs,
      maxDelayMs: retry.maxDelayMs ?? base.retry.maxDelayMs,
    },
    breaker: {
      consecutiveFailures: breaker.consecutiveFailures ?? base.breaker.consecutiveFailures,
      halfOpenAfterMs: breaker.halfOpenAfterMs ?? base.breaker.halfOpenAfterMs,
    },
    bulkhead: {
      limit: bulkhead.limit ?? base.bulkhead.limit,
      queue: bulkhead.queue ?? base.bulkhead.queue,
    },
  };
}
