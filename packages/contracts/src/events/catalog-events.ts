import { Type } from '@sinclair/typebox';
import { defineEvent } from './define-event.ts';

const ProductState = Type.Object(
  {
    sku: Type.String(),
    name: Type.String(),
    brand: Type.String(),
    categorySlug: Type.String(),
    attributes: Type.Record(Type.String(), Type.String()),
    status: Type.Union([Type.Literal('active'), Type.Literal('discontinued')]),
    changedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const ProductCreated = defineEvent(
  'emporium.catalog.product.created.v1',
  ProductState,
  'A product was added to the catalogue.',
);

export const ProductUpdated = defineEvent(
  'emporium.catalog.product.updated.v1',
  ProductState,
  'A product changed (name, brand, category, attributes or status); carries the state after the change.',
);

export const ProductDiscontinued = defineEvent(
  'emporium.catalog.product.discontinued.v1',
  Type.Object(
    { sku: Type.String(), discontinuedAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  'A product is no longer sold; it stays readable by SKU.',
);

export const catalogEvents = [ProductCreated, ProductUpdated, ProductDiscontinued];
