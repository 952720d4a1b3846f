import type { HttpServer } from '@emporium/platform/http';
import type { ProductEvents } from '../events/product-events.ts';
import { changeProduct, createProduct, discontinueProduct } from '../products/product-changes.ts';
import { loadCategoryTree } from '../store/categories-store.ts';
import { NewProductBody, ProductChangesBody, ProductDetailView, SkuParams } from './product-schemas.ts';
import { toProductDetailView } from './product-view.ts';
import type { RouteOptions } from './route-options.ts';

const ADMIN = { tags: ['products (admin)'], security: [{ bearer: [] }] };

/** What catalogue admins change: products. Every route needs an access token with the admin role. */
export function adminProductRoutes(
  app: HttpServer,
  { db, requireAdmin, events }: RouteOptions & { events: ProductEvents },
): void {
  const changes = { db, events };

  app.post(
    '/products',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Add a product',
        body: NewProductBody,
        response: { 201: ProductDetailView },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const product = await createProduct(changes, {
        ...body,
        description: body.description ?? '',
        attributes: body.attributes ?? {},
        images: body.images ?? [],
        status: body.status ?? 'active',
      });
      reply.code(201).header('location', `/products/${product.sku}`);
      return toProductDetailView(product, await loadCategoryTree(db));
    },
  );

  app.patch(
    '/products/:sku',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Change some fields of a product (status: active brings a discontinued one back)',
        params: SkuParams,
        body: ProductChangesBody,
        response: { 200: ProductDetailView },
      },
    },
    async (request) => {
      const product = await changeProduct(changes, request.params.sku, request.body);
      return toProductDetailView(product, await loadCategoryTree(db));
    },
  );

  app.delete(
    '/products/:sku',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Discontinue a product: it leaves listings but stays readable by SKU (idempotent)',
        params: SkuParams,
        response: { 204: { type: 'null', description: 'Discontinued' } },
      },
    },
    async (request, reply) => {
      await discontinueProduct(changes, request.params.sku);
      return reply.code(204).send(null);
    },
  );
}
