/**
 * A saga: one business transaction across services, as a list of steps. Each step's action
 * calls a participant; its compensation undoes it. Both must be idempotent under the step's
 * idempotency key (derived from saga id and step name), because after a crash or a timeout
 * the engine cannot know whether a call took effect, and calls it again.
 */
export interface SagaDefinition<Data extends object> {
  /** Unique per service, e.g. "checkout". Stored with each saga, so renaming strands old ones. */
  name: string;
  steps: ReadonlyArray<SagaStep<Data>>;
  /** Past this age a saga stops going forward and compensates. */
  timeoutMs: number;
}

export interface SagaStep<Data extends object> {
  /** Unique within the saga; part of the idempotency key. */
  name: string;
  /** Does the step; what it returns is merged into the saga's data for later steps. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a step with nothing to add returns Promise<void>.
  action(context: StepContext<Data>): Promise<Partial<Data> | undefined | void>;
  /**
   * Undoes the step. Runs for every step that started (the failed one too: its call may have
   * taken effect before it failed), so it must be a no-op when there is nothing to undo.
   */
  compensate?(context: StepContext<Data>): Promise<void>;
  /** Per attempt; default the engine's stepTimeoutMs. */
  timeoutMs?: number;
  /** Attempts of the action in all; default the engine's. Compensations retry longer (see SagaEngineOptions). */
  maxAttempts?: number;
  /** Whether a failure of the action may be retried; default: any failure but a StepRefused. */
  isRetryable?(error: unknown): boolean;
}

export interface StepContext<Data extends object> {
  sagaId: string;
  data: Readonly<Data>;
  /** `${sagaId}:${step}` for the action, `${sagaId}:${step}:compensate` for its compensation. */
  idempotencyKey: string;
  /** Aborted at the attempt's timeout, or when the engine loses the saga's lease or stops. */
  signal: AbortSignal;
  attempt: number;
}

/**
 * A participant's definite "no" (card declined, stock short): not retried, the saga
 * compensates at once, and the reason is the saga's failure.
 */
export class StepRefused extends Error {
  constructor(
    message: string,
    readonly code = 'REFUSED',
  ) {
    super(message);
    this.name = 'StepRefused';
  }
}

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'compensated' | 'parked';

export const TERMINAL_SAGA_STATUSES: readonly SagaStatus[] = ['completed', 'compensated'];
