export {
  type SagaDefinition,
  type SagaStatus,
  type SagaStep,
  type StepContext,
  StepRefused,
  TERMINAL_SAGA_STATUSES,
} from './saga-definition.ts';
export { createSagaEngine, type SagaEngine, type SagaEngineOptions, type SagaView } from './saga-engine.ts';
export { type SagaTables, sagaMigrations } from './saga-migrations.ts';
export { registerSagaRoutes, SagaNotFound, SagaNotParked } from './saga-routes.ts';
export type { SagaQuery, SagaRecord, StepLogEntry } from './saga-store.ts';
