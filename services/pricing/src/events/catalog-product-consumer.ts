import { ProductCreated, ProductUpdated } from '@emporium/contracts';
import { type EventHandler, handleEvent } from '@emporium/platform/messaging';
import type { PricingDatabase } from '../store/database.ts';
import { recordProductCategory } from '../store/product-categories-store.ts';

/** The durable group pricing reads the catalog's product events in. */
export const CATALOG_PRODUCTS_GROUP = 'pricing.catalog-products';

/**
 * What pricing learns from the catalog: each SKU's category, which category promotions
 * read. Created and updated products carry it; a discontinued product keeps its category
 * (whether it may still be sold is for the catalog and orders to say, not pricing).
 */
export function catalogProductHandlers(): EventHandler<PricingDatabase>[] {
  const record = handleEvent<PricingDatabase, typeof ProductCreated>(ProductCreated, (trx, event) =>
    recordProductCategory(trx, {
      sku: event.data.sku,
      categorySlug: event.data.categorySlug,
      changedAt: new Date(event.data.changedAt),
    }),
  );
  return [
    record,
    handleEvent<PricingDatabase, typeof ProductUpdated>(ProductUpdated, (trx, event) =>
      record.handle(trx, event),
    ),
  ];
}
