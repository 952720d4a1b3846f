import { inTransaction } from '@emporium/platform/db';
import type { Kysely } from 'kysely';
import { ProductNotFound } from '../errors.ts';
import type { ProductEvents } from '../events/product-events.ts';
import type { CatalogDatabase } from '../store/database.ts';
import {
  insertProduct,
  lockProduct,
  type NewProduct,
  type ProductChanges,
  type ProductRecord,
  updateProduct,
} from '../store/products-store.ts';

/** What the product changes work with; built once in module.ts. */
export interface ProductChangeDeps {
  db: Kysely<CatalogDatabase>;
  events: ProductEvents;
}

/**
 * What catalogue admins do to products. Each change and the events it raises commit in one
 * transaction: a refused change (SKU_TAKEN, UNKNOWN_CATEGORY, PRODUCT_NOT_FOUND) writes no
 * event, and no event is written for a change that did not happen.
 */

/** Adds a product and publishes ProductCreated. */
export function createProduct(deps: ProductChangeDeps, input: NewProduct): Promise<ProductRecord> {
  return inTransaction(deps.db, async (trx) => {
    const product = await insertProduct(trx, input);
    await deps.events.created(trx, product);
    return product;
  });
}

/**
 * Changes some fields; ProductUpdated when the published state changed (a re-activation
 * included), ProductDiscontinued as well for `status: discontinued` on an active product.
 */
export function changeProduct(
  deps: ProductChangeDeps,
  sku: string,
  changes: ProductChanges,
): Promise<ProductRecord> {
  return inTransaction(deps.db, async (trx) => {
    const before = await lockProduct(trx, sku);
    if (!before) throw productNotFound(sku);
    const after = await updateProduct(trx, sku, changes);
    await deps.events.changed(trx, before, after);
    return after;
  });
}

/**
 * Marks a product discontinued: it leaves listings but stays readable by SKU, since orders
 * refer to it. Publishes ProductDiscontinued (and ProductUpdated, its status having changed)
 * the first time only: discontinuing it again changes nothing and publishes nothing.
 */
export function discontinueProduct(deps: ProductChangeDeps, sku: string): Promise<void> {
  return inTransaction(deps.db, async (trx) => {
    const before = await lockProduct(trx, sku);
    if (!before) throw productNotFound(sku);
    if (before.status === 'discontinued') return;
    const after = await updateProduct(trx, sku, { status: 'discontinued' });
    await deps.events.changed(trx, before, after);
  });
}

function productNotFound(sku: string) {
  return ProductNotFound(`There is no product with SKU ${sku}`);
}
