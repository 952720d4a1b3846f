export type {
  CallAttempt,
  CallOptions,
  CallPolicy,
  TargetPolicyState,
} from './call-policy.ts';
export {
  type CallPolicyOverrides,
  type CallPolicySettings,
  defaultCallPolicySettings,
} from './call-policy-settings.ts';
export { createResilience, type Resilience, type ResilienceOptions } from './create-resilience.ts';
export { BulkheadFullError, CallTimeoutError, CircuitOpenError } from './errors.ts';
export { type ResilienceConfig, resilienceConfig, resilienceOptionsFromConfig } from './resilience-config.ts';
