/** Shapes and rules of a product that hold wherever it is read or written. */

export const PRODUCT_STATUSES = ['active', 'discontinued'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Uppercase letters, digits and dashes, 3-40 characters, not starting with a dash: "ELEC-HEAD-0001". */
export const SKU_PATTERN = '^[A-Z0-9][A-Z0-9-]{2,39}$';

/** Lowercase words joined by single dashes: "home-kitchen". */
export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** Attribute names as the seed and the storefront use them: "color", "batteryLife", "screen-size". */
export const ATTRIBUTE_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,39}$';
