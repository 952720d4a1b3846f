import { Type } from '@sinclair/typebox';
import { ATTRIBUTE_NAME_PATTERN, SKU_PATTERN, SLUG_PATTERN } from '../domain/product.ts';
import { MAX_SEARCH_TEXT_LENGTH } from '../domain/search-query.ts';
import { FilterText, Line, Paragraphs } from './field-schemas.ts';

export const Sku = Type.String({
  pattern: SKU_PATTERN,
  description: 'Uppercase letters, digits and dashes, 3-40 long',
});
export const CategorySlug = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: SLUG_PATTERN,
  description: 'kebab-case, e.g. home-kitchen',
});
// Written out rather than mapped from PRODUCT_STATUSES and PRODUCT_SORTS: Fastify's type
// provider only infers unions of tuples. The views assign the domain types to these, so a
// value added on one side only fails to compile.
const Status = Type.Union([Type.Literal('active'), Type.Literal('discontinued')], {
  description: 'Discontinued products stay readable by SKU but leave listings',
});
const Sort = (description: string) =>
  Type.Union([Type.Literal('relevance'), Type.Literal('name'), Type.Literal('newest')], { description });

export const Attributes = Type.Record(Type.String({ pattern: ATTRIBUTE_NAME_PATTERN }), Line(100), {
  additionalProperties: false,
  maxProperties: 30,
  description: 'Facet attributes: name (letters, digits, _ or -, up to 40) to a short value',
});

// A path on our own origin ("/images/x.jpg", never "//host") or an https URL.
const IMAGE_URL =
  "^(/(?!/)[A-Za-z0-9._~!$&'()*+,;=:@%/-]*|https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?)$";
export const Images = Type.Array(Type.String({ maxLength: 500, pattern: IMAGE_URL }), {
  maxItems: 12,
  uniqueItems: true,
  description: 'Image URLs: paths on this site (/images/...) or https URLs, at most 12',
});

const ProductFields = {
  name: Line(200),
  description: Paragraphs(5000),
  category: CategorySlug,
  brand: Line(80),
  attributes: Attributes,
  images: Images,
  status: Status,
};

export const NewProductBody = Type.Object(
  {
    sku: Sku,
    name: ProductFields.name,
    description: Type.Optional(ProductFields.description),
    category: ProductFields.category,
    brand: ProductFields.brand,
    attributes: Type.Optional(ProductFields.attributes),
    images: Type.Optional(ProductFields.images),
    status: Type.Optional(ProductFields.status),
  },
  { additionalProperties: false },
);

export const ProductChangesBody = Type.Partial(Type.Object(ProductFields), {
  additionalProperties: false,
  minProperties: 1,
  description: 'Fields to change; attributes and images replace the whole value',
});

// Any SKU-like text is looked up: one that cannot exist is simply not found (404).
export const SkuParams = Type.Object({ sku: FilterText(100, 'The SKU') }, { additionalProperties: false });

export const ProductListQuery = Type.Object(
  {
    q: Type.Optional(
      // Any text: control characters are dropped when it is normalised, never refused.
      Type.String({
        maxLength: MAX_SEARCH_TEXT_LENGTH,
        description: 'Search text: words, "exact phrases", or, -excluded (web search syntax)',
      }),
    ),
    category: Type.Optional(CategorySlug),
    brand: Type.Optional(
      Type.Array(FilterText(80), { maxItems: 20, description: 'Repeat for several brands (any of them)' }),
    ),
    attr: Type.Optional(
      Type.Array(
        Type.String({
          maxLength: 141,
          pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}:[^\\u0000-\\u001f\\u007f]{1,100}$',
        }),
        {
          maxItems: 20,
          description: 'name:value, e.g. attr=color:Black; repeat: any value of one name, every name',
        },
      ),
    ),
    sort: Type.Optional(Sort('Default: relevance when q has words, else name')),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 24 }),
    cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'nextCursor of the previous page' })),
    includeDiscontinued: Type.Boolean({
      default: false,
      description: 'Admins only: list discontinued products too',
    }),
  },
  { additionalProperties: false },
);

export const CategoryRef = Type.Object({ slug: Type.String(), name: Type.String() });

export const ProductView = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  description: Type.String(),
  brand: Type.String(),
  category: CategoryRef,
  attributes: Type.Record(Type.String(), Type.String()),
  images: Type.Array(Type.String()),
  status: Status,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ProductDetailView = Type.Object({
  ...ProductView.properties,
  breadcrumb: Type.Array(CategoryRef, { description: 'From the top-level category down' }),
});

const Highlight = Type.Object(
  { name: Type.String(), description: Type.String() },
  { description: 'HTML: the source text escaped, matched words in <mark>' },
);

const FacetValue = Type.Object({ value: Type.String(), count: Type.Integer() });

export const ProductListView = Type.Object({
  items: Type.Array(Type.Object({ ...ProductView.properties, highlight: Type.Optional(Highlight) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'Products matching the whole request' }),
  sort: Sort('The order applied'),
  facets: Type.Object({
    categories: Type.Array(
      Type.Object({
        slug: Type.String(),
        name: Type.String(),
        parent: Type.Union([Type.String(), Type.Null()]),
        count: Type.Integer({ description: 'Including the products of its descendants' }),
      }),
    ),
    brands: Type.Array(FacetValue),
    attributes: Type.Record(Type.String(), Type.Array(FacetValue)),
  }),
});
