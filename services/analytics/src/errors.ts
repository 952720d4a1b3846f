import { defineProblem } from '@emporium/platform/http';

/**
 * Every error analytics answers with, defined once: a stable code and one HTTP status.
 * docs/errors.md and the README list them. Input the schemas refuse answers VALIDATION_FAILED
 * (400) from the chassis.
 */
export const InvalidPeriod = defineProblem('INVALID_PERIOD', 400, 'The period ends before it starts');
export const RebuildRunning = defineProblem(
  'REBUILD_RUNNING',
  409,
  'A rebuild of the reports is already running; wait for it to finish',
);
