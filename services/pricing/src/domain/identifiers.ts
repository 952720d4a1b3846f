/** How other contexts' identifiers look, as pricing checks them at its edges. */

/** The catalog's SKUs: uppercase letters, digits and dashes, 3-40 long: "ELEC-HEAD-0001". */
export const SKU_PATTERN = '^[A-Z0-9][A-Z0-9-]{2,39}$';

/** The catalog's category slugs: lowercase words joined by single dashes: "home-kitchen". */
export const CATEGORY_SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
