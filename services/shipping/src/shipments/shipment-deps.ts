import type { Kysely } from 'kysely';
import type { ShipmentEvents } from '../events/shipment-events.ts';
import type { ShippingDatabase } from '../store/database.ts';

/** What the shipment operations work with; built once in module.ts. */
export interface ShipmentDeps {
  db: Kysely<ShippingDatabase>;
  events: ShipmentEvents;
  clock: () => Date;
  /** The tracking job's tick: a shipment's next scan is due a whole number of ticks later. */
  tickMs: number;
  /** Share of parcels (0-100) whose first delivery attempt fails. */
  exceptionPercent: number;
  newId: () => string;
}
