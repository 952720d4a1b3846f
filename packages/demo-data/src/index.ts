export { type SeedCatalogue, type SeedCategory, type SeedProduct, seedCatalogue } from './seed-catalogue.ts';
export { createRng, hashString, type Rng } from './seed-random.ts';
