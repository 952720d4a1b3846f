import { Type } from '@sinclair/typebox';
import { FilterText, Line, Paragraphs } from './field-schemas.ts';
import { CategoryRef, CategorySlug } from './product-schemas.ts';

const Position = Type.Integer({
  minimum: 0,
  maximum: 100_000,
  description: 'Order among siblings, ascending',
});
const Parent = Type.Union([CategorySlug, Type.Null()], { description: 'Parent slug; null for top level' });

export const NewCategoryBody = Type.Object(
  {
    slug: CategorySlug,
    name: Line(100),
    description: Type.Optional(Paragraphs(2000)),
    parent: Type.Optional(Parent),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);

export const CategoryChangesBody = Type.Object(
  {
    slug: Type.Optional(CategorySlug),
    name: Type.Optional(Line(100)),
    description: Type.Optional(Paragraphs(2000)),
    parent: Type.Optional(Parent),
    position: Type.Optional(Position),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Fields to change; parent moves the category',
  },
);

export const SlugParams = Type.Object(
  { slug: FilterText(100, 'The category slug') },
  { additionalProperties: false },
);

const CategorySummary = {
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  productCount: Type.Integer({ description: 'Active products in it and all its descendants' }),
};

export const CategoryTreeNode = Type.Recursive(
  (Node) => Type.Object({ ...CategorySummary, children: Type.Array(Node) }),
  { $id: 'CategoryTreeNode' },
);

export const CategoryTreeView = Type.Object({ categories: Type.Array(CategoryTreeNode) });

export const CategoryDetailView = Type.Object({
  ...CategorySummary,
  parent: Type.Union([CategoryRef, Type.Null()]),
  breadcrumb: Type.Array(CategoryRef, { description: 'From the top level down to this category' }),
  children: Type.Array(Type.Object(CategorySummary)),
});
