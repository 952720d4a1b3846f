import type { Kysely } from 'kysely';
import type { Logger } from '../log/index.ts';
import { type RunSettings, runSaga } from './run-saga.ts';
import type { SagaDefinition, SagaStatus } from './saga-definition.ts';
import type { SagaTables } from './saga-migrations.ts';
import {
  claimSagas,
  findSaga,
  insertSaga,
  listSagas,
  renewLease,
  resumeParked,
  type SagaQuery,
  type SagaRecord,
  type StepLogEntry,
  stepLog,
} from './saga-store.ts';

export interface SagaEngineOptions {
  db: Kysely<SagaTables>;
  logger: Logger;
  /** This engine's name in leases and the step log: the instance id. */
  owner: string;
  // biome-ignore lint/suspicious/noExplicitAny: definitions of any data shape share one engine.
  definitions: ReadonlyArray<SagaDefinition<any>>;
  /** How long a claimed saga stays this engine's without renewal; a dead engine's sagas move on after it. */
  leaseMs?: number;
  /** How often the engine looks for sagas whose lease ran out (new ones in this process start at once). */
  pollMs?: number;
  /** Sagas run at once by this engine. */
  concurrency?: number;
  stepTimeoutMs?: number;
  /** Attempts of an action in all, unless the step says otherwise. */
  maxAttempts?: number;
  /** Attempts of a compensation before the saga is parked for an operator. */
  compensationMaxAttempts?: number;
  retryDelayMs?: { initial: number; max: number };
  /**
   * Fault injection for chaos tests, never for production: the process kills itself (SIGKILL)
   * right after one of these steps is recorded, so another engine must take the saga over and
   * resume from its log. Killed after each listed step in turn, one saga proves every hand-over.
   */
  crashAfterSteps?: readonly string[];
}

export interface SagaView extends SagaRecord {
  steps: StepLogEntry[];
}

export interface SagaEngine {
  /** Starts claiming and running sagas. */
  start(): void;
  /**
   * Records a new saga, in the caller's transaction when given one (so it exists exactly when
   * the caller's change commits); this engine picks it up at once after `kick()` or its next poll.
   */
  begin<Data extends object>(
    definition: SagaDefinition<Data>,
    data: Data,
    options?: { id?: string; db?: Kysely<SagaTables> },
  ): Promise<string>;
  /** Looks for work now: call after the transaction that began a saga commits. */
  kick(): void;
  get(id: string): Promise<SagaView | undefined>;
  list(query: SagaQuery): Promise<SagaRecord[]>;
  /** Resumes a parked saga's compensation; false when it is not parked. */
  retry(id: string): Promise<boolean>;
  /** Resolves with the saga once it is finished or parked, or undefined after timeoutMs. */
  settled(id: string, timeoutMs: number): Promise<SagaRecord | undefined>;
  /** Stops claiming, interrupts running sagas (their leases lapse for another engine), waits for them. */
  stop(): Promise<void>;
}

const SETTLED: readonly SagaStatus[] = ['completed', 'compensated', 'parked'];

/**
 * The orchestration engine: durable sagas in the owning service's database. Engines on
 * several replicas share the work through leases; one that dies leaves its sagas to the others
 * once the lease runs out, and they resume from the stored step.
 */
export function createSagaEngine(options: SagaEngineOptions): SagaEngine {
  const { db, logger, owner } = options;
  const leaseMs = options.leaseMs ?? 10_000;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 16;
  const settings: RunSettings = {
    owner,
    stepTimeoutMs: options.stepTimeoutMs ?? 5_000,
    maxAttempts: options.maxAttempts ?? 3,
    compensationMaxAttempts: options.compensationMaxAttempts ?? 8,
    retryDelayMs: options.retryDelayMs ?? { initial: 100, max: 5_000 },
    crashAfterSteps: new Set(options.crashAfterSteps ?? []),
  };
  const definitions = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const running = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let pollAgain = false;

  const poll = async () => {
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    try {
      do {
        pollAgain = false;
        const free = concurrency - running.size;
        if (free <= 0 || stopping.signal.aborted) break;
        const claimed = await claimSagas(db, owner, leaseMs, free);
        for (const saga of claimed) launch(saga);
        if (claimed.length === free) pollAgain = true;
      } while (pollAgain && !stopping.signal.aborted);
    } catch (error) {
      logger.warn({ err: error }, 'claiming sagas failed; trying again at the next poll');
    } finally {
      polling = false;
    }
  };

  const launch = (saga: SagaRecord) => {
    const definition = definitions.get(saga.name);
    if (!definition) {
      // Another version of the service may know it: let the lease lapse for it.
      logger.error({ saga: saga.id, name: saga.name }, 'no definition for this saga in this engine');
      return;
    }
    const lease = new AbortController();
    const signal = AbortSignal.any([stopping.signal, lease.signal]);
    const renewal = setInterval(() => {
      renewLease(db, saga.id, owner, leaseMs).then(
        (held) => held || lease.abort(new Error('lease lost')),
        (error: unknown) => logger.warn({ err: error, saga: saga.id }, 'renewing a saga lease failed'),
      );
    }, leaseMs / 3);
    const run = runSaga(db, definition, saga, settings, { signal, logger })
      .catch((error: unknown) =>
        logger.error({ err: error, saga: saga.id }, 'saga run failed; it resumes when its lease lapses'),
      )
      .finally(() => {
        clearInterval(renewal);
        running.delete(saga.id);
        if (!stopping.signal.aborted) void poll();
      });
    running.set(saga.id, run);
  };

  return {
    start() {
      timer ??= setInterval(() => void poll(), pollMs);
      void poll();
    },
    async begin(definition, data, beginOptions = {}) {
      if (!definitions.has(definition.name))
        throw new Error(`saga ${definition.name} is not registered with this engine`);
      return insertSaga(beginOptions.db ?? db, {
        id: beginOptions.id,
        name: definition.name,
        data,
        timeoutMs: definition.timeoutMs,
      });
    },
    kick() {
      if (timer) void poll();
    },
    async get(id) {
      const saga = await findSaga(db, id);
      return saga && { ...saga, steps: await stepLog(db, id) };
    },
    list: (query) => listSagas(db, query),
    async retry(id) {
      const resumed = await resumeParked(db, id);
      if (resumed) this.kick();
      return resumed;
    },
    async settled(id, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const saga = await findSaga(db, id);
        if (saga && SETTLED.includes(saga.status)) return saga;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return undefined;
    },
    async stop() {
      clearInterval(timer);
      stopping.abort(new Error('saga engine stopping'));
      await Promise.allSettled(running.values());
    },
  };
}
