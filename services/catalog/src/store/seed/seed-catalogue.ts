/**
 * The catalog loads the shared demo catalogue (packages/demo-data), which inventory and
 * pricing seed their stock and prices from too, so every service agrees on the SKUs.
 */
export { type SeedCatalogue, type SeedCategory, type SeedProduct, seedCatalogue } from '@emporium/demo-data';
