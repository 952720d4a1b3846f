import { ProductCreated, ProductUpdated } from '@emporium/contracts';
import type { HttpServer } from '@emporium/platform/http';
import type { Logger } from '@emporium/platform/log';
import {
  connectEventBus,
  type EventBusSettings,
  type EventConsumer,
  type EventHandler,
  handleEvent,
  startEventConsumer,
} from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
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

/**
 * Subscribes to the catalog's product events on the configured bus until the server closes;
 * without a bus, consumes nothing (seeded categories stay as they are). Returns the
 * consumers, for the dead-letter routes to replay through.
 */
export async function startCatalogProductConsumer(
  context: { app: HttpServer; db: Kysely<PricingDatabase>; logger: Logger },
  settings: EventBusSettings,
): Promise<EventConsumer[]> {
  // Without a bus the relay says so once; the consumer has nothing to add.
  if (!settings.NATS_URL && !settings.BUS_DATABASE_URL) return [];
  const transport = await connectEventBus(settings, context.logger);
  if (!transport) return [];
  try {
    const consumer = await startEventConsumer<PricingDatabase>({
      transport,
      db: context.db,
      group: CATALOG_PRODUCTS_GROUP,
      handlers: catalogProductHandlers(),
      logger: context.logger,
    });
    context.app.addHook('onClose', async () => {
      try {
        await consumer.close();
      } finally {
        await transport.close();
      }
    });
    return [consumer];
  } catch (error) {
    await transport.close();
    throw error;
  }
}
