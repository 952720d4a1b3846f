/**
 * Deterministic seed catalogue for Emporium: a category tree and a few hundred realistic products,
 * used to load the catalog database on first start. Pure: no I/O, no clock, no Math.random —
 * every call returns the same (deep-equal) data.
 */
import { CATEGORY_TREE, type SeedDepartmentDefinition, type SeedLeafDefinition } from './seed-categories.ts';
import { createRng, hashString, type Rng } from './seed-random.ts';
import {
  DEPARTMENT_VOCABULARY,
  type DepartmentVocabulary,
  LEAF_VOCABULARY,
  type LeafVocabulary,
} from './seed-vocabulary.ts';

export interface SeedCategory {
  slug: string;
  name: string;
  description: string;
  parentSlug: string | null;
}

export interface SeedProduct {
  /** Unique, uppercase: department code + leaf code + number, e.g. 'ELEC-HEAD-0007'. */
  sku: string;
  name: string;
  description: string;
  /** Always a leaf category. */
  categorySlug: string;
  brand: string;
  /** Facet attributes relevant to the category (never includes the brand). */
  attributes: Record<string, string>;
  /** 1-3 relative image URLs. */
  images: string[];
  /** Integer minor units (cents); consumed by the pricing service seed. */
  referencePriceMinor: number;
  currency: 'EUR';
}

export interface SeedCatalogue {
  categories: SeedCategory[];
  products: SeedProduct[];
}

/** Changing this reshuffles every generated product. */
const CATALOGUE_SEED = 'emporium-catalogue-v1';
const PRODUCTS_PER_LEAF = { min: 12, max: 16 } as const;
const IMAGES_PER_PRODUCT = { min: 1, max: 3 } as const;
const CLOSER_PROBABILITY = 0.6;
const MAX_NAME_ATTEMPTS = 200;
const ATTRIBUTE_VALUES = { min: 3, max: 8 } as const;
/** Names containing these words get a price premium, so 'Pro' models cost more than the basics. */
const PREMIUM_NAME = /\b(Pro|Premium|Deluxe|Executive|Expedition|Mega|Intense|Family Reserve)\b/;
const PREMIUM_FACTOR = 1.25;
/** Placeholders every template may use besides the leaf's attribute keys. */
const PRODUCT_KEYS = ['name', 'brand', 'series', 'noun'] as const;
const PLACEHOLDER = /\{(\w+)(\|lower)?\}/g;

export function seedCatalogue(): SeedCatalogue {
  const categories: SeedCategory[] = [];
  const products: SeedProduct[] = [];
  const usedNames = new Set<string>();

  for (const department of CATEGORY_TREE) {
    categories.push(toSeedCategory(department, null));
    for (const leaf of department.children) categories.push(toSeedCategory(leaf, department.slug));
  }

  for (const department of CATEGORY_TREE) {
    const departmentVocabulary = DEPARTMENT_VOCABULARY[department.slug];
    for (const leaf of department.children) {
      const vocabulary = LEAF_VOCABULARY[leaf.slug];
      assertVocabulary(leaf.slug, vocabulary, departmentVocabulary);
      // Each leaf gets its own stream, so editing one leaf's word lists leaves the others untouched.
      const rng = createRng(hashString(`${CATALOGUE_SEED}:${leaf.slug}`));
      const count = rng.int(PRODUCTS_PER_LEAF.min, PRODUCTS_PER_LEAF.max);
      for (let number = 1; number <= count; number++) {
        products.push(
          buildProduct({ rng, department, leaf, vocabulary, departmentVocabulary, number, usedNames }),
        );
      }
    }
  }

  return { categories, products };
}

function toSeedCategory(definition: SeedLeafDefinition, parentSlug: string | null): SeedCategory {
  return { slug: definition.slug, name: definition.name, description: definition.description, parentSlug };
}

interface ProductContext {
  rng: Rng;
  department: SeedDepartmentDefinition;
  leaf: SeedLeafDefinition;
  vocabulary: LeafVocabulary;
  departmentVocabulary: DepartmentVocabulary;
  number: number;
  usedNames: Set<string>;
}

function buildProduct(context: ProductContext): SeedProduct {
  const { rng, department, leaf, vocabulary, departmentVocabulary, number } = context;
  const sku = `${department.code}-${leaf.code}-${String(number).padStart(4, '0')}`;

  const attributes: Record<string, string> = {};
  for (const [key, values] of Object.entries(vocabulary.attributes)) attributes[key] = rng.pick(values);

  const { name, brand, series, noun } = pickUniqueName(context);
  const words: Record<string, string> = { ...attributes, name, brand, series, noun };

  const sentences = [fill(rng.pick(vocabulary.intros), words), fill(rng.pick(vocabulary.details), words)];
  if (rng.chance(CLOSER_PROBABILITY)) sentences.push(fill(rng.pick(departmentVocabulary.closers), words));

  const imageCount = rng.int(IMAGES_PER_PRODUCT.min, IMAGES_PER_PRODUCT.max);
  const images = Array.from(
    { length: imageCount },
    (_, index) => `/images/products/${sku.toLowerCase()}-${index + 1}.jpg`,
  );

  return {
    sku,
    name,
    description: sentences.join(' '),
    categorySlug: leaf.slug,
    brand,
    attributes,
    images,
    referencePriceMinor: referencePrice(
      rng,
      priceRange(vocabulary, noun),
      priceFactor(vocabulary, attributes, name),
    ),
    currency: 'EUR',
  };
}

interface NameParts {
  name: string;
  brand: string;
  series: string;
  noun: string;
}

/** brand + series + qualifier + noun, re-drawn until the name is unused anywhere in the catalogue. */
function pickUniqueName({
  rng,
  leaf,
  vocabulary,
  departmentVocabulary,
  usedNames,
}: ProductContext): NameParts {
  const brands = vocabulary.brands ?? departmentVocabulary.brands;
  const qualifiers = vocabulary.qualifiers ?? [''];
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const brand = rng.pick(brands);
    const series = rng.pick(vocabulary.series);
    const qualifier = rng.pick(qualifiers);
    const noun = rng.pick(vocabulary.nouns);
    const middle = vocabulary.qualifierFirst ? [qualifier, series] : [series, qualifier];
    const parts = [vocabulary.brandInName === false ? '' : brand, ...middle, noun];
    const name = parts.filter((part) => part !== '').join(' ');
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return { name, brand, series, noun };
    }
  }
  throw new Error(`Seed vocabulary for '${leaf.slug}' is too small to produce unique product names`);
}

function priceRange(vocabulary: LeafVocabulary, noun: string): readonly [number, number] {
  return vocabulary.nounPriceEur?.[noun] ?? vocabulary.priceEur;
}

/** Bigger packs and sizes cost more; 'Pro' and 'Deluxe' models carry a premium. */
function priceFactor(
  vocabulary: LeafVocabulary,
  attributes: Readonly<Record<string, string>>,
  name: string,
): number {
  let factor = PREMIUM_NAME.test(name) ? PREMIUM_FACTOR : 1;
  for (const [key, factors] of Object.entries(vocabulary.priceFactors ?? {})) {
    const value = attributes[key];
    factor *= (value === undefined ? undefined : factors[value]) ?? 1;
  }
  return factor;
}

/** A realistic shelf price: skewed towards the cheap end of the range, with charm endings (x.99, x.95, x.49). */
function referencePrice(rng: Rng, [min, max]: readonly [number, number], factor: number): number {
  const euros = (min + (max - min) * rng.next() ** 1.6) * factor;
  if (euros < 20) return Math.max(1, Math.round(euros)) * 100 - rng.pick([1, 5, 51]);
  if (euros < 200) return Math.round(euros) * 100 - rng.pick([1, 5, 100]);
  return Math.round(euros / 10) * 1000 - rng.pick([1, 100]);
}

function fill(template: string, words: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, key: string, lower: string | undefined) => {
    const value = words[key];
    if (value === undefined) throw new Error(`Unknown placeholder {${key}} in seed template: ${template}`);
    return lower === undefined ? value : lowerCaseWords(value);
  });
}

/** 'Midnight Blue' → 'midnight blue', but acronyms such as 'USB-C', 'LED' or '4K' stay as they are. */
function lowerCaseWords(text: string): string {
  return text
    .split(' ')
    .map((word) => (/[A-Z]/.test(word) && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(' ');
}

/** Fails fast on typos in the word lists instead of emitting '{colour}' into a description. */
function assertVocabulary(
  leafSlug: string,
  vocabulary: LeafVocabulary,
  departmentVocabulary: DepartmentVocabulary,
): void {
  const attributeKeys = Object.keys(vocabulary.attributes);
  const known = new Set<string>([...PRODUCT_KEYS, ...attributeKeys]);
  for (const key of attributeKeys) {
    const count = vocabulary.attributes[key]?.length ?? 0;
    if (key === 'brand' || (PRODUCT_KEYS as readonly string[]).includes(key)) {
      throw new Error(`Seed attribute '${key}' of '${leafSlug}' clashes with a product field`);
    }
    if (count < ATTRIBUTE_VALUES.min || count > ATTRIBUTE_VALUES.max) {
      throw new Error(`Seed attribute '${key}' of '${leafSlug}' has ${count} values`);
    }
  }
  for (const noun of Object.keys(vocabulary.nounPriceEur ?? {})) {
    if (!vocabulary.nouns.includes(noun))
      throw new Error(`Seed price for unknown noun '${noun}' in '${leafSlug}'`);
  }
  for (const [key, factors] of Object.entries(vocabulary.priceFactors ?? {})) {
    const values = vocabulary.attributes[key] ?? [];
    for (const value of Object.keys(factors)) {
      if (!values.includes(value))
        throw new Error(`Seed price factor for unknown ${key} '${value}' in '${leafSlug}'`);
    }
  }
  const templates = [...vocabulary.intros, ...vocabulary.details, ...departmentVocabulary.closers];
  for (const template of templates) {
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (!known.has(match[1] ?? '')) {
        throw new Error(`Unknown placeholder ${match[0]} in seed template for '${leafSlug}': ${template}`);
      }
    }
  }
}
