import { ProductCreated } from '@emporium/contracts';
import { type EventHandler, handleEvent } from '@emporium/platform/messaging';
import { isSku } from '../domain/identifiers.ts';
import type { InventoryDatabase } from '../store/database.ts';
import { addSkus } from '../store/stock-store.ts';

/** The durable consumer group: each catalog product event is handled once by one instance. */
export const CATALOG_PRODUCTS_GROUP = 'inventory.catalog-products';

/**
 * What inventory takes from the catalog's events: a new product gets a stock row of 0 in
 * every warehouse, so it can be restocked and its availability answers 0 rather than unknown.
 * Runs in the consumer's transaction with the inbox record, so a redelivery adds nothing; a
 * product already stocked (seeded, or created again) is left as it is.
 */
export function catalogProductHandlers(clock: () => Date): EventHandler<InventoryDatabase>[] {
  return [
    handleEvent<InventoryDatabase, typeof ProductCreated>(ProductCreated, async (trx, event) => {
      const { sku } = event.data;
      // The catalog only makes valid SKUs; a bad one fails, is retried, then dead-lettered for a look.
      if (!isSku(sku)) throw new Error(`ProductCreated names ${JSON.stringify(sku.slice(0, 60))}, not a SKU`);
      await addSkus(trx, [sku], clock());
    }),
  ];
}
