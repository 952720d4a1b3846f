import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { InvalidCursor } from '../errors.ts';
import { SKU_PATTERN } from './product.ts';
import { PRODUCT_SORTS, type ProductSort } from './product-sort.ts';
import { shortHash } from './search-query.ts';

/** Where the previous page ended: the last product's sort key and SKU (the tiebreaker). */
export type ProductPosition =
  | { sort: 'name'; name: string; sku: string }
  | { sort: 'newest'; createdAt: Date; sku: string }
  | { sort: 'relevance'; rank: number; sku: string };

/** What a cursor expects of the request it is used with. */
export interface CursorContext {
  sort: ProductSort;
  /** queryFingerprint() of the request. */
  fingerprint: string;
}

const CURSOR_FORMAT = 1;
const MAX_CURSOR_LENGTH = 1024;

/**
 * The decoded cursor. `c` is a checksum over the rest, so an edited cursor is refused with a
 * clear message. It is not a signature: a forged cursor can only choose where a listing of
 * public products starts, which a client could do anyway by walking pages.
 */
const CursorPayload = Type.Object(
  {
    v: Type.Literal(CURSOR_FORMAT),
    s: Type.Union(PRODUCT_SORTS.map((sort) => Type.Literal(sort))),
    k: Type.Union([Type.String({ maxLength: 400 }), Type.Number()]),
    i: Type.String({ pattern: SKU_PATTERN }),
    f: Type.String({ maxLength: 16 }),
    c: Type.String({ maxLength: 16 }),
  },
  { additionalProperties: false },
);
type CursorPayload = Static<typeof CursorPayload>;

const MALFORMED = 'The cursor is malformed; pass nextCursor from the previous page exactly as it was given';

export function encodeCursor(position: ProductPosition, fingerprint: string): string {
  const unsigned: Omit<CursorPayload, 'c'> = {
    v: CURSOR_FORMAT,
    s: position.sort,
    k: sortKeyOf(position),
    i: position.sku,
    f: fingerprint,
  };
  const payload: CursorPayload = { ...unsigned, c: checksum(unsigned) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor for the same sort and query, or throws INVALID_CURSOR. */
export function decodeCursor(cursor: string, expected: CursorContext): ProductPosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw InvalidCursor(MALFORMED);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw InvalidCursor(MALFORMED);
  }
  if (!Value.Check(CursorPayload, parsed)) throw InvalidCursor(MALFORMED);
  const { c, ...unsigned } = parsed;
  if (checksum(unsigned) !== c) {
    throw InvalidCursor('The cursor has been altered; pass nextCursor exactly as it was given');
  }
  if (parsed.s !== expected.sort) {
    throw InvalidCursor(
      `The cursor was made for sort=${parsed.s} but this request sorts by ${expected.sort}; ` +
        'request the first page again without a cursor',
    );
  }
  if (parsed.f !== expected.fingerprint) {
    throw InvalidCursor(
      'The cursor was made for a different search (q, category, brand, attr or includeDiscontinued ' +
        'changed); request the first page again without a cursor',
    );
  }
  const position = positionOf(parsed);
  if (!position) throw InvalidCursor(MALFORMED);
  return position;
}

function sortKeyOf(position: ProductPosition): string | number {
  switch (position.sort) {
    case 'name':
      return position.name;
    case 'newest':
      return position.createdAt.toISOString();
    case 'relevance':
      return position.rank;
  }
}

function positionOf({ s: sort, k: key, i: sku }: CursorPayload): ProductPosition | undefined {
  switch (sort) {
    case 'name':
      return typeof key === 'string' ? { sort, name: key, sku } : undefined;
    case 'newest': {
      if (typeof key !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(key)) return undefined;
      const createdAt = new Date(key);
      return Number.isNaN(createdAt.getTime()) ? undefined : { sort, createdAt, sku };
    }
    case 'relevance':
      return typeof key === 'number' && Number.isFinite(key) && key >= 0
        ? { sort, rank: key, sku }
        : undefined;
  }
}

function checksum(unsigned: Omit<CursorPayload, 'c'>): string {
  return shortHash(JSON.stringify([unsigned.v, unsigned.s, unsigned.k, unsigned.i, unsigned.f]));
}
