import { type Kysely, sql } from 'kysely';
import { RebuildRunning } from '../errors.ts';
import type { AnalyticsDatabase } from '../store/database.ts';
import { projectFact } from './projector.ts';

const BATCH = 1_000;
/** The advisory lock that lets one rebuild run at a time, across instances. */
const REBUILD_LOCK = 'analytics.rebuild';

/**
 * Empties every projection and replays the whole fact store through the projector, in `seq`
 * order (the order the facts were first projected in), in one transaction. The facts table is
 * locked against inserts meanwhile: the consumer waits, then goes on from the rebuilt state,
 * so nothing is counted twice or missed. Readers see the old reports until the commit.
 */
export async function rebuildProjections(db: Kysely<AnalyticsDatabase>): Promise<{ facts: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext(${REBUILD_LOCK})) as locked`.execute(trx);
    if (!rows[0]?.locked) throw RebuildRunning('Another rebuild is replaying the facts now');
    await sql`lock table facts in share mode`.execute(trx);
    await sql`truncate order_summaries, order_lines, products, revenue_days, outcome_counts`.execute(trx);
    let after = '0';
    let replayed = 0;
    for (;;) {
      const batch = await trx
        .selectFrom('facts')
        .select(['seq', 'type', 'data'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      for (const fact of batch) await projectFact(trx, fact);
      replayed += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) break;
      after = last.seq;
    }
    return { facts: replayed };
  });
}
