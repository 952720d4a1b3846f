import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Migrations } from '../db/index.ts';
import type { SagaStatus } from './saga-definition.ts';

/** Merged into the migrations of a service that runs sagas: their state and step log. */
export const sagaMigrations: Migrations = {
  'saga-0001-sagas-and-step-log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sagas')
        .addColumn('id', 'uuid', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('data', 'jsonb', (column) => column.notNull())
        // Forward: the next step to run. Compensating: how many started steps remain to undo.
        .addColumn('step', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('failure', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('deadline_at', 'timestamptz', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .execute();
      // What the engines claim: unfinished sagas whose lease ran out.
      await sql`create index sagas_claimable on sagas (lease_until) where status in ('running', 'compensating')`.execute(
        db,
      );
      await sql`create index sagas_recent on sagas (created_at desc)`.execute(db);
      await db.schema
        .createTable('saga_steps')
        .addColumn('id', 'bigserial', (column) => column.primaryKey())
        .addColumn('saga_id', 'uuid', (column) => column.notNull().references('sagas.id').onDelete('cascade'))
        .addColumn('step', 'text', (column) => column.notNull())
        .addColumn('phase', 'text', (column) => column.notNull())
        .addColumn('outcome', 'text', (column) => column.notNull())
        .addColumn('attempt', 'integer', (column) => column.notNull())
        .addColumn('error', 'text')
        .addColumn('owner', 'text', (column) => column.notNull())
        .addColumn('started_at', 'timestamptz', (column) => column.notNull())
        .addColumn('finished_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index saga_steps_by_saga on saga_steps (saga_id, id)`.execute(db);
    },
  },
};

export interface SagaTables {
  sagas: {
    id: string;
    name: string;
    status: SagaStatus;
    data: ColumnType<Record<string, unknown>, string, string>;
    step: number;
    failure: string | null;
    lease_owner: string | null;
    lease_until: ColumnType<Date, Date | undefined, Date>;
    deadline_at: Date;
    created_at: ColumnType<Date, never, never>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  saga_steps: {
    id: Generated<string>;
    saga_id: string;
    step: string;
    phase: 'action' | 'compensation';
    outcome: 'succeeded' | 'failed';
    attempt: number;
    error: string | null;
    owner: string;
    started_at: Date;
    finished_at: ColumnType<Date, never, never>;
  };
}
