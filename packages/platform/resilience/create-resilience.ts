import type { Metrics } from '../metrics/index.ts';
import { type CallPolicy, TargetCallPolicy, type TargetPolicyState } from './call-policy.ts';
import {
  type CallPolicyOverrides,
  type CallPolicySettings,
  defaultCallPolicySettings,
  mergeCallPolicySettings,
} from './call-policy-settings.ts';
import { policyMetrics } from './resilience-metrics.ts';

export interface ResilienceOptions {
  /** Where breaker, bulkhead, retry, timeout and rejection metrics go; none when left out. */
  metrics?: Metrics | undefined;
  /** Settings for every target without an override; `defaultCallPolicySettings` when left out. */
  defaults?: CallPolicySettings | undefined;
  /** Per-target overrides, merged over the defaults group by group. */
  settingsFor?: ((target: string) => CallPolicyOverrides | undefined) | undefined;
  /**
   * Which errors count against the breaker (unavailable, deadline exceeded); the others (not
   * found, invalid argument) reach the caller unchanged and count as a success, since the
   * target did answer. Default: every error. A timed-out attempt is always a failure.
   */
  isFailure?: ((error: unknown) => boolean) | undefined;
  /**
   * Which errors may be retried, for idempotent calls only. Default: every failure. A
   * timed-out attempt may always be retried; a refusal by the open breaker never is. An error
   * that is retryable but not a failure (one instance's broken connection, which discovery
   * handles by evicting it) is retried without counting against the breaker.
   */
  isRetryable?: ((error: unknown) => boolean) | undefined;
  /**
   * Abort each attempt's signal once the attempt has returned (default true), which ends any
   * work it left behind. A caller whose attempts leave nothing behind (the gateway hands the
   * response body its own signal) turns it off: aborting costs a DOMException per call.
   */
  abortAttemptsOnReturn?: boolean | undefined;
}

/** The policies of every target a service calls. Policies hold breaker state: share one per process. */
export interface Resilience {
  /** The target's policy, made on first use and the same object ever after. */
  policyFor(target: string): CallPolicy;
  /** Breaker and bulkhead of every target called so far, for health pages and the ops console. */
  snapshot(): TargetPolicyState[];
}

export function createResilience(options: ResilienceOptions = {}): Resilience {
  const defaults = options.defaults ?? defaultCallPolicySettings;
  const isFailure = options.isFailure ?? (() => true);
  const classifiers = {
    isFailure,
    isRetryable: options.isRetryable ?? isFailure,
    abortOnReturn: options.abortAttemptsOnReturn ?? true,
  };
  const policies = new Map<string, TargetCallPolicy>();
  const snapshot = () => [...policies.values()].map((policy) => policy.state());
  const counters = options.metrics && policyMetrics(options.metrics, snapshot);

  return {
    policyFor(target) {
      let policy = policies.get(target);
      if (!policy) {
        const settings = mergeCallPolicySettings(defaults, options.settingsFor?.(target));
        policy = new TargetCallPolicy(target, settings, classifiers, counters);
        policies.set(target, policy);
      }
      return policy;
    },
    snapshot,
  };
}
