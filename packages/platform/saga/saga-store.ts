import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { SagaStatus } from './saga-definition.ts';
import type { SagaTables } from './saga-migrations.ts';

/** A saga as stored; `data` is the JSON the steps share. */
export interface SagaRecord {
  id: string;
  name: string;
  status: SagaStatus;
  data: Record<string, unknown>;
  step: number;
  failure: string | null;
  leaseOwner: string | null;
  leaseUntil: Date;
  deadlineAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface StepLogEntry {
  step: string;
  phase: 'action' | 'compensation';
  outcome: 'succeeded' | 'failed';
  attempt: number;
  error: string | null;
  owner: string;
  startedAt: Date;
  finishedAt: Date;
}

type Db = Kysely<SagaTables>;

function toRecord(row: Record<string, unknown>): SagaRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    status: row.status as SagaStatus,
    data: row.data as Record<string, unknown>,
    step: row.step as number,
    failure: row.failure as string | null,
    leaseOwner: row.lease_owner as string | null,
    leaseUntil: row.lease_until as Date,
    deadlineAt: row.deadline_at as Date,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

export async function insertSaga(
  db: Db,
  saga: { id?: string; name: string; data: object; timeoutMs: number },
): Promise<string> {
  const id = saga.id ?? randomUUID();
  await db
    .insertInto('sagas')
    .values({
      id,
      name: saga.name,
      status: 'running',
      data: JSON.stringify(saga.data),
      step: 0,
      deadline_at: sql<Date>`now() + ${`${saga.timeoutMs} milliseconds`}::interval`,
    })
    .execute();
  return id;
}

/** Leases up to `limit` unfinished sagas whose lease ran out (new ones have none), oldest lease first. */
export async function claimSagas(
  db: Db,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<SagaRecord[]> {
  const { rows } = await sql<Record<string, unknown>>`
    update sagas set lease_owner = ${owner}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select id from sagas
      where status in ('running', 'compensating') and lease_until <= now()
      order by lease_until limit ${limit}
      for update skip locked
    )
    returning *`.execute(db);
  return rows.map(toRecord);
}

/** Extends the lease; false when another engine holds the saga now (this one must stop touching it). */
export async function renewLease(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('sagas')
    .set({ lease_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface SagaChange {
  status?: SagaStatus;
  data?: Record<string, unknown>;
  step?: number;
  failure?: string | null;
  /** Gives the lease up: the saga is finished, parked, or left for another engine now. */
  releaseLease?: boolean;
}

/**
 * Records a step's outcome and the saga's new state in one transaction, only while `owner`
 * holds the lease (fencing: an engine that lost its lease changes nothing). False when it did not.
 */
export async function recordStep(
  db: Db,
  id: string,
  owner: string,
  change: SagaChange,
  log: Omit<StepLogEntry, 'owner' | 'finishedAt'> | undefined,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sagas')
      .set({
        ...(change.status === undefined ? {} : { status: change.status }),
        ...(change.data === undefined ? {} : { data: JSON.stringify(change.data) }),
        ...(change.step === undefined ? {} : { step: change.step }),
        ...(change.failure === undefined ? {} : { failure: change.failure }),
        ...(change.releaseLease ? { lease_owner: null, lease_until: sql<Date>`now()` } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    if (log) {
      await trx
        .insertInto('saga_steps')
        .values({
          saga_id: id,
          step: log.step,
          phase: log.phase,
          outcome: log.outcome,
          attempt: log.attempt,
          error: log.error,
          owner,
          started_at: log.startedAt,
        })
        .execute();
    }
    return true;
  });
}

export async function findSaga(db: Db, id: string): Promise<SagaRecord | undefined> {
  const row = await db.selectFrom('sagas').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row as unknown as Record<string, unknown>);
}

export async function stepLog(db: Db, id: string): Promise<StepLogEntry[]> {
  const rows = await db
    .selectFrom('saga_steps')
    .selectAll()
    .where('saga_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    step: row.step,
    phase: row.phase,
    outcome: row.outcome,
    attempt: row.attempt,
    error: row.error,
    owner: row.owner,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  }));
}

export interface SagaQuery {
  status?: SagaStatus;
  /** Unfinished sagas past their deadline, and parked ones: what an operator should look at. */
  stuck?: boolean;
  limit: number;
  /** Only sagas created before this (the next page). */
  before?: Date;
}

export async function listSagas(db: Db, query: SagaQuery): Promise<SagaRecord[]> {
  let select = db.selectFrom('sagas').selectAll().orderBy('created_at', 'desc').limit(query.limit);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.before) select = select.where('created_at', '<', query.before);
  if (query.stuck) {
    select = select.where((eb) =>
      eb.or([
        eb('status', '=', 'parked'),
        eb.and([eb('status', 'in', ['running', 'compensating']), eb('deadline_at', '<', sql<Date>`now()`)]),
      ]),
    );
  }
  const rows = await select.execute();
  return rows.map((row) => toRecord(row as unknown as Record<string, unknown>));
}

/** An operator's "try again": a parked saga compensates again from where it stopped. */
export async function resumeParked(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('sagas')
    .set({
      status: 'compensating',
      lease_owner: null,
      lease_until: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'parked')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
