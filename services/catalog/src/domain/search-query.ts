import { createHash } from 'node:crypto';
import type { ProductSort } from './product-sort.ts';

/** What a product listing asks for, after normalisation; two equal queries list the same products. */
export interface ProductQuery {
  /** Free text for websearch_to_tsquery, or null for no text search. */
  text: string | null;
  /** A category slug; the listing includes the category's descendants. */
  category: string | null;
  /** Any of these brands (OR). Empty: every brand. */
  brands: string[];
  /** Every named attribute must have one of its listed values (AND across names, OR within one). */
  attributes: Record<string, string[]>;
  includeDiscontinued: boolean;
}

export const MAX_SEARCH_TEXT_LENGTH = 200;

// Control characters carry no meaning in a search box, and PostgreSQL refuses NUL in text outright.
const CONTROL_CHARACTERS = /\p{Cc}+/gu;

/**
 * Cleans free text from a search box: control characters become spaces, runs of whitespace
 * collapse, and the result is capped. Quotes, operators, SQL and HTML are kept: the text only
 * ever reaches PostgreSQL as a bound parameter of websearch_to_tsquery, which accepts any input.
 */
export function normaliseSearchText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SEARCH_TEXT_LENGTH)
    .trim();
  return text === '' ? null : text;
}

/** `attr=color:Black&attr=color:Red&attr=size:M` → { color: [Black, Red], size: [M] }. */
export function parseAttributeFilters(pairs: readonly string[]): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf(':');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (separator < 1 || name === '' || value === '') continue;
    const values = filters[name] ?? [];
    if (!values.includes(value)) values.push(value);
    filters[name] = values;
  }
  for (const values of Object.values(filters)) values.sort();
  return filters;
}

/** A listing request's parameters as they arrive, after schema validation. */
export interface ProductQueryParameters {
  q?: string | undefined;
  category?: string | undefined;
  brand?: readonly string[] | undefined;
  attr?: readonly string[] | undefined;
  includeDiscontinued: boolean;
}

/**
 * The normalised query: blank text and brands dropped, values deduplicated and sorted, so
 * `brand=B&brand=A` and `brand=A&brand=B` are one query (and share cursors).
 */
export function productQueryFrom(parameters: ProductQueryParameters): ProductQuery {
  const brands = (parameters.brand ?? []).map((brand) => brand.trim()).filter((brand) => brand !== '');
  return {
    text: normaliseSearchText(parameters.q),
    category: parameters.category ?? null,
    brands: [...new Set(brands)].sort(),
    attributes: parseAttributeFilters(parameters.attr ?? []),
    includeDiscontinued: parameters.includeDiscontinued,
  };
}

/**
 * A short hash naming what a listing filters and how it is sorted. A cursor carries it, so a
 * cursor is only ever applied to the listing it was made for.
 */
export function queryFingerprint(query: ProductQuery, sort: ProductSort): string {
  const canonical = JSON.stringify([
    sort,
    query.text?.toLowerCase() ?? null,
    query.category,
    query.brands,
    Object.entries(query.attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    query.includeDiscontinued,
  ]);
  return shortHash(canonical);
}

/** 48 bits of SHA-256, base64url: enough to tell queries apart, short enough for a URL. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest().subarray(0, 6).toString('base64url');
}
