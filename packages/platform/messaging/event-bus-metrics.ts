import { type Kysely, sql } from 'kysely';
import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics/index.ts';
import type { EventTransport } from './event-transport.ts';
import type { MessagingTables } from './store/messaging-schema.ts';

/** A consumer group of the service and the event types it reads. */
export interface GroupTypes {
  group: string;
  types: readonly string[];
}

/**
 * Gauges read at scrape time: the outbox's pending events and the age of the oldest (relay
 * lag), and per consumer group its dead letters not yet replayed and the deliveries the bus
 * still holds for it. All zero means every event this service wrote reached the bus and every
 * event its groups were sent was handled: what `emporium check` proves from /metrics.
 */
export function registerEventBusMetrics(
  metrics: Metrics,
  context: { db: Kysely<MessagingTables>; transport: EventTransport; groups: readonly GroupTypes[] },
): void {
  const { db, transport, groups } = context;
  const registers = [metrics.registry];
  new Gauge({
    name: 'emporium_outbox_pending_events',
    help: 'Events in the outbox the bus has not confirmed yet',
    registers,
    async collect() {
      const { rows } = await sql<{ pending: number; age: number | null }>`
        select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as age
        from outbox where sent_at is null`.execute(db);
      this.set(rows[0]?.pending ?? 0);
      oldest.set(rows[0]?.age ?? 0);
    },
  });
  const oldest = new Gauge({
    name: 'emporium_outbox_oldest_pending_seconds',
    help: 'Age of the oldest event the bus has not confirmed (0 when none)',
    registers,
  });
  if (groups.length === 0) return;
  new Gauge({
    name: 'emporium_consumer_dead_letters',
    help: 'Dead letters of the consumer group not replayed yet',
    labelNames: ['group'],
    registers,
    async collect() {
      const rows = await db
        .selectFrom('dead_letters')
        .select(['consumer_group', sql<number>`count(*)::int`.as('count')])
        .where('replayed_at', 'is', null)
        .groupBy('consumer_group')
        .execute();
      for (const { group } of groups) {
        this.set({ group }, rows.find((row) => row.consumer_group === group)?.count ?? 0);
      }
    },
  });
  new Gauge({
    name: 'emporium_consumer_backlog',
    help: 'Deliveries the bus holds for the consumer group: waiting, retrying or in hand',
    labelNames: ['group'],
    registers,
    async collect() {
      for (const { group, types } of groups) this.set({ group }, await transport.backlog(group, types));
    },
  });
}
