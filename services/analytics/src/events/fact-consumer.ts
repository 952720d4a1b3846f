import { allEvents } from '@emporium/contracts';
import { type EventHandler, handleEvent } from '@emporium/platform/messaging';
import { recordFact } from '../facts/record-fact.ts';
import type { AnalyticsDatabase } from '../store/database.ts';

/** The durable consumer group: each event is stored once, by one instance. */
export const FACTS_GROUP = 'analytics.facts';

/**
 * Every integration event of the platform becomes a fact: the consumer validates it against
 * its contract, and the fact store keeps it whether or not a report uses it yet (a new report
 * is a new projection, built by a rebuild from the facts already there).
 */
export function factHandlers(clock: () => Date): EventHandler<AnalyticsDatabase>[] {
  return allEvents.map((definition) =>
    handleEvent<AnalyticsDatabase, typeof definition>(definition, async (trx, event) => {
      await recordFact(trx, event, clock());
    }),
  );
}
