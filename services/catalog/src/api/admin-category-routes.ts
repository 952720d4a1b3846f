import type { HttpServer } from '@emporium/platform/http';
import { createCategory, deleteCategory, updateCategory } from '../store/categories-store.ts';
import { categoryDetail } from './category-routes.ts';
import { CategoryChangesBody, CategoryDetailView, NewCategoryBody, SlugParams } from './category-schemas.ts';
import type { RouteOptions } from './route-options.ts';

const ADMIN = { tags: ['categories (admin)'], security: [{ bearer: [] }] };

/** What catalogue admins change: the category tree. Every route needs the admin role. */
export function adminCategoryRoutes(app: HttpServer, { db, requireAdmin }: RouteOptions): void {
  app.post(
    '/categories',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Add a category, at the top level or under a parent',
        body: NewCategoryBody,
        response: { 201: CategoryDetailView },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const category = await createCategory(db, {
        slug: body.slug,
        name: body.name,
        description: body.description ?? '',
        parent: body.parent ?? null,
        position: body.position,
      });
      reply.code(201).header('location', `/categories/${category.slug}`);
      return categoryDetail(db, category.slug);
    },
  );

  app.patch(
    '/categories/:slug',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Rename, describe, reorder or move a category (never under itself)',
        params: SlugParams,
        body: CategoryChangesBody,
        response: { 200: CategoryDetailView },
      },
    },
    async (request) => {
      const category = await updateCategory(db, request.params.slug, request.body);
      return categoryDetail(db, category.slug);
    },
  );

  app.delete(
    '/categories/:slug',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Delete an empty category (no subcategories, no products)',
        params: SlugParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      await deleteCategory(db, request.params.slug);
      return reply.code(204).send(null);
    },
  );
}
