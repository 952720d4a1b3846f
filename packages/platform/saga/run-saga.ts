import { writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from '../log/index.ts';
import { type SagaDefinition, type SagaStep, StepRefused } from './saga-definition.ts';
import type { SagaTables } from './saga-migrations.ts';
import { recordStep, type SagaChange, type SagaRecord } from './saga-store.ts';

export interface RunSettings {
  owner: string;
  stepTimeoutMs: number;
  maxAttempts: number;
  compensationMaxAttempts: number;
  retryDelayMs: { initial: number; max: number };
  /** Fault injection: steps after whose recorded completion the process kills itself. */
  crashAfterSteps?: ReadonlySet<string>;
}

/** The saga is no longer this engine's to run (lease lost or engine stopping): leave it as it is. */
class Interrupted extends Error {}

/**
 * Drives one leased saga until it is finished, parked, or no longer ours. Forward, each step
 * runs with retries; the first step that fails for good turns the saga to compensation, which
 * undoes every started step in reverse; a compensation that keeps failing parks the saga. Every
 * attempt is logged, and every change is fenced by the lease (see recordStep).
 */
export async function runSaga<Data extends object>(
  db: Kysely<SagaTables>,
  definition: SagaDefinition<Data>,
  saga: SagaRecord,
  settings: RunSettings,
  context: { signal: AbortSignal; logger: Logger },
): Promise<void> {
  const state = { ...saga, data: { ...saga.data } as Record<string, unknown> };
  const commit = async (change: SagaChange, log?: Parameters<typeof recordStep>[4]) => {
    if (!(await recordStep(db, saga.id, settings.owner, change, log))) throw new Interrupted('lease lost');
  };
  const logger = context.logger.child({ saga: saga.id, sagaName: definition.name });
  try {
    while (true) {
      if (context.signal.aborted) throw new Interrupted('stopping');
      if (state.status === 'running') {
        if (state.step >= definition.steps.length) {
          await commit({ status: 'completed', releaseLease: true });
          logger.info('saga completed');
          return;
        }
        const step = definition.steps[state.step] as SagaStep<Data>;
        const outcome = await attempt(
          step,
          'action',
          state,
          settings,
          context.signal,
          commit,
          saga.deadlineAt,
        );
        if (outcome.ok) {
          state.data = { ...state.data, ...(outcome.output ?? {}) };
          state.step += 1;
          await commit({ data: state.data, step: state.step });
          if (settings.crashAfterSteps?.has(step.name)) {
            // Written synchronously: the logger's buffer dies with the process.
            writeSync(
              2,
              `fault injection: the orchestrator dies after step ${step.name} of saga ${saga.id}\n`,
            );
            process.kill(process.pid, 'SIGKILL');
          }
          continue;
        }
        state.status = 'compensating';
        state.failure = `${step.name}: ${outcome.error}`;
        // The failed step is undone too: its call may have taken effect before it failed.
        state.step += 1;
        await commit({ status: 'compensating', failure: state.failure, step: state.step });
        logger.warn({ failure: state.failure }, 'saga step failed; compensating');
        continue;
      }
      if (state.status === 'compensating') {
        if (state.step <= 0) {
          await commit({ status: 'compensated', releaseLease: true });
          logger.info({ failure: state.failure }, 'saga compensated');
          return;
        }
        const step = definition.steps[state.step - 1] as SagaStep<Data>;
        if (step.compensate) {
          const outcome = await attempt(
            step,
            'compensation',
            state,
            settings,
            context.signal,
            commit,
            undefined,
          );
          if (!outcome.ok) {
            const reason = `${state.failure ?? 'failed'}; compensation of ${step.name} keeps failing: ${outcome.error}`;
            await commit({ status: 'parked', failure: reason, releaseLease: true });
            logger.error({ failure: reason }, 'saga parked: an operator must look at it');
            return;
          }
        }
        state.step -= 1;
        await commit({ step: state.step });
        continue;
      }
      return;
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      // Stopping gracefully: hand the lease back so a live replica resumes at once.
      if (error.message === 'stopping') {
        await recordStep(db, saga.id, settings.owner, { releaseLease: true }, undefined).catch(() => false);
      }
      logger.info({ reason: error.message }, 'saga left to another engine');
      return;
    }
    throw error;
  }
}

type Outcome = { ok: true; output: Record<string, unknown> | undefined } | { ok: false; error: string };

async function attempt<Data extends object>(
  step: SagaStep<Data>,
  phase: 'action' | 'compensation',
  state: { id: string; data: Record<string, unknown> },
  settings: RunSettings,
  engineSignal: AbortSignal,
  commit: (change: SagaChange, log?: Parameters<typeof recordStep>[4]) => Promise<void>,
  deadline: Date | undefined,
): Promise<Outcome> {
  const maxAttempts =
    phase === 'action' ? (step.maxAttempts ?? settings.maxAttempts) : settings.compensationMaxAttempts;
  const isRetryable = step.isRetryable ?? ((error: unknown) => !(error instanceof StepRefused));
  let lastError = 'no attempt made';
  for (let attemptNo = 1; attemptNo <= maxAttempts; attemptNo++) {
    if (deadline && Date.now() >= deadline.getTime())
      return { ok: false, error: `the saga timed out (${lastError})` };
    const startedAt = new Date();
    const timeout = AbortSignal.timeout(step.timeoutMs ?? settings.stepTimeoutMs);
    const signal = AbortSignal.any([engineSignal, timeout]);
    const context = {
      sagaId: state.id,
      data: state.data as Data,
      idempotencyKey: phase === 'action' ? `${state.id}:${step.name}` : `${state.id}:${step.name}:compensate`,
      signal,
      attempt: attemptNo,
    };
    try {
      const output = await raceAbort(
        phase === 'action' ? step.action(context) : (step.compensate?.(context) ?? Promise.resolve()),
        signal,
      );
      await commit(
        {},
        { step: step.name, phase, outcome: 'succeeded', attempt: attemptNo, error: null, startedAt },
      );
      return { ok: true, output: (output ?? undefined) as Record<string, unknown> | undefined };
    } catch (error) {
      if (engineSignal.aborted) throw new Interrupted('stopping');
      if (error instanceof Interrupted) throw error;
      lastError = timeout.aborted
        ? `timed out after ${step.timeoutMs ?? settings.stepTimeoutMs} ms`
        : describe(error);
      await commit(
        {},
        { step: step.name, phase, outcome: 'failed', attempt: attemptNo, error: lastError, startedAt },
      );
      if (phase === 'action' && !timeout.aborted && !isRetryable(error))
        return { ok: false, error: lastError };
      if (attemptNo < maxAttempts)
        await sleep(backoff(attemptNo, settings.retryDelayMs), undefined, { signal: engineSignal }).catch(
          () => {},
        );
    }
  }
  return { ok: false, error: lastError };
}

/** Exponential, capped, with jitter between half and all of it, so retries of many sagas spread out. */
function backoff(attemptNo: number, delays: { initial: number; max: number }): number {
  const full = Math.min(delays.max, delays.initial * 2 ** (attemptNo - 1));
  return full / 2 + Math.random() * (full / 2);
}

/** A step that ignores its signal still ends the attempt at the timeout. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
