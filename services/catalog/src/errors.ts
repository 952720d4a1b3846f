import { defineProblem } from '@emporium/platform/http';

/**
 * Every error the catalog answers with, defined once. Each has a stable code and one HTTP
 * status; the README lists them. Input the schemas refuse answers VALIDATION_FAILED (400)
 * from the chassis, and token problems come from @emporium/platform/security.
 */
export const ProductNotFound = defineProblem('PRODUCT_NOT_FOUND', 404, 'No such product');
export const CategoryNotFound = defineProblem('CATEGORY_NOT_FOUND', 404, 'No such category');
/** A body names a category (a product's, or a new parent) that does not exist. */
export const UnknownCategory = defineProblem(
  'UNKNOWN_CATEGORY',
  422,
  'The request names a category that does not exist',
);
export const SkuTaken = defineProblem('SKU_TAKEN', 409, 'A product with this SKU already exists');
export const CategorySlugTaken = defineProblem(
  'CATEGORY_SLUG_TAKEN',
  409,
  'A category with this slug already exists',
);
export const CategoryNotEmpty = defineProblem(
  'CATEGORY_NOT_EMPTY',
  409,
  'The category still has subcategories or products',
);
export const CategoryCycle = defineProblem(
  'CATEGORY_CYCLE',
  400,
  'A category cannot be moved under itself or one of its descendants',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this request');
