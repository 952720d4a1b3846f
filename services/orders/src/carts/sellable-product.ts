import { ProductStatus } from '@emporium/contracts/proto/catalog/v1/product_service';
import { CatalogUnavailable, ProductDiscontinued, UnknownSku } from '../errors.ts';
import { isRefusal, refusalMessage } from '../participants/participant-errors.ts';
import type { Participants } from '../participants/participants.ts';

/**
 * The product a SKU names, if the catalog still sells it: UNKNOWN_SKU or PRODUCT_DISCONTINUED
 * (422) otherwise, and CATALOG_UNAVAILABLE (503) when the catalog cannot say.
 */
export async function sellableProduct(
  catalog: Participants['catalog'],
  sku: string,
): Promise<{ sku: string; name: string }> {
  let products: Awaited<ReturnType<typeof catalog.getProducts>>['products'];
  try {
    ({ products } = await catalog.getProducts({ skus: [sku] }));
  } catch (error) {
    if (isRefusal(error)) throw UnknownSku(`${sku}: ${refusalMessage(error)}`);
    throw CatalogUnavailable(`The catalog did not answer for ${sku}; try again shortly`);
  }
  const product = products.find((candidate) => candidate.sku === sku);
  if (!product) throw UnknownSku(`The catalog has no product ${sku}`);
  if (product.status === ProductStatus.DISCONTINUED) {
    throw ProductDiscontinued(`${sku} (${product.name}) is no longer sold`);
  }
  return { sku, name: product.name };
}
