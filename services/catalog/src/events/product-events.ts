import { type EventData, ProductCreated, ProductDiscontinued, ProductUpdated } from '@emporium/contracts';
import type { EventPublisher } from '@emporium/platform/messaging';
import type { Kysely } from 'kysely';
import type { CatalogDatabase } from '../store/database.ts';
import type { ProductRecord } from '../store/products-store.ts';

type ProductState = EventData<typeof ProductUpdated>;

/**
 * The integration events the catalog publishes about products. Each is written to the outbox
 * in the caller's transaction, so it reaches the bus if and only if the change it reports
 * commits; the outbox relay sends it. The subject is the SKU.
 */
export interface ProductEvents {
  /** ProductCreated, with the state of the new product. */
  created(trx: Kysely<CatalogDatabase>, product: ProductRecord): Promise<void>;
  /**
   * What a change from `before` to `after` means to other contexts: ProductUpdated (the state
   * after) when anything it carries differs, status included; and ProductDiscontinued when the
   * product went from active to discontinued, whichever route did it. Returns what was written.
   */
  changed(
    trx: Kysely<CatalogDatabase>,
    before: ProductRecord,
    after: ProductRecord,
  ): Promise<{ updated: boolean; discontinued: boolean }>;
}

export function createProductEvents(publisher: EventPublisher): ProductEvents {
  return {
    async created(trx, product) {
      await publisher.publish(trx, ProductCreated, {
        subject: product.sku,
        data: productState(product),
      });
    },
    async changed(trx, before, after) {
      const updated = !sameState(productState(before), productState(after));
      if (updated) {
        await publisher.publish(trx, ProductUpdated, {
          subject: after.sku,
          data: productState(after),
        });
      }
      const discontinued = before.status === 'active' && after.status === 'discontinued';
      if (discontinued) {
        await publisher.publish(trx, ProductDiscontinued, {
          subject: after.sku,
          data: { sku: after.sku, discontinuedAt: after.updated_at.toISOString() },
        });
      }
      return { updated, discontinued };
    },
  };
}

/** A product as ProductCreated and ProductUpdated carry it (description and images are not part of it). */
function productState(product: ProductRecord): ProductState {
  return {
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    categorySlug: product.category_slug,
    attributes: { ...product.attributes },
    status: product.status,
    changedAt: product.updated_at.toISOString(),
  };
}

/** Equal in everything but the time of the change. */
function sameState(a: ProductState, b: ProductState): boolean {
  const names = Object.keys(a.attributes);
  return (
    a.sku === b.sku &&
    a.name === b.name &&
    a.brand === b.brand &&
    a.categorySlug === b.categorySlug &&
    a.status === b.status &&
    names.length === Object.keys(b.attributes).length &&
    names.every((name) => a.attributes[name] === b.attributes[name])
  );
}
