import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetProductsResponseSchema,
  ProductSchema,
  ProductService,
  ProductStatus,
} from '@emporium/contracts/proto/catalog/v1/product_service';
import { Code, ConnectError, type RpcServices } from '@emporium/platform/rpc';
import type { Kysely } from 'kysely';
import { SKU_PATTERN } from '../domain/product.ts';
import type { CatalogDatabase } from '../store/database.ts';
import { findProductsBySku, type ProductRecord } from '../store/products-store.ts';

export const MAX_SKUS_PER_CALL = 500;
const SKU = new RegExp(SKU_PATTERN);

const STATUS = { active: ProductStatus.ACTIVE, discontinued: ProductStatus.DISCONTINUED } as const;

function toProductMessage(product: ProductRecord) {
  return create(ProductSchema, {
    sku: product.sku,
    name: product.name,
    description: product.description,
    brand: product.brand,
    categorySlug: product.category_slug,
    categoryName: product.category_name,
    attributes: product.attributes,
    images: product.images,
    status: STATUS[product.status],
    createTime: timestampFromDate(product.created_at),
    updateTime: timestampFromDate(product.updated_at),
  });
}

/** Asked SKUs once each, in the order first asked; INVALID_ARGUMENT naming what is wrong. */
function validSkus(skus: readonly string[]): string[] {
  if (skus.length === 0) throw new ConnectError('skus: give at least one SKU', Code.InvalidArgument);
  const unique = [...new Set(skus)];
  if (unique.length > MAX_SKUS_PER_CALL) {
    throw new ConnectError(
      `skus: at most ${MAX_SKUS_PER_CALL} per call, got ${unique.length}`,
      Code.InvalidArgument,
    );
  }
  const malformed = unique.find((sku) => !SKU.test(sku));
  if (malformed !== undefined) {
    throw new ConnectError(
      `skus: ${JSON.stringify(malformed.slice(0, 60))} is not a SKU (uppercase letters, digits and dashes, 3-40 characters)`,
      Code.InvalidArgument,
    );
  }
  return unique;
}

/** catalog.v1.ProductService: products by SKU for the services that hold SKUs. */
export function serveProductService(rpc: Pick<RpcServices, 'serve'>, db: Kysely<CatalogDatabase>): void {
  rpc.serve(ProductService, {
    async getProducts(request) {
      const skus = validSkus(request.skus);
      const found = new Map((await findProductsBySku(db, skus)).map((product) => [product.sku, product]));
      return create(GetProductsResponseSchema, {
        products: skus.flatMap((sku) => {
          const product = found.get(sku);
          return product ? [toProductMessage(product)] : [];
        }),
        missingSkus: skus.filter((sku) => !found.has(sku)),
      });
    },
  });
}
