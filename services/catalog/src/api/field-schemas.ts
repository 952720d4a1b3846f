import { Type } from '@sinclair/typebox';

/**
 * Text fields shared by the catalog's schemas. Control characters are refused everywhere
 * (PostgreSQL rejects NUL outright, and the rest only cause trouble in a storefront), and
 * one-line values may not start or end with whitespace.
 */
const NO_CONTROL = '\\u0000-\\u001f\\u007f';
const TRIMMED_LINE = `^[^\\s${NO_CONTROL}](?:[^${NO_CONTROL}]*[^\\s${NO_CONTROL}])?$`;
// Tabs and line breaks are allowed in long text such as descriptions.
const PARAGRAPHS = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

/** A one-line value such as a name: no control characters, no surrounding whitespace. */
export function Line(maxLength: number, description?: string) {
  return Type.String({ minLength: 1, maxLength, pattern: TRIMMED_LINE, ...described(description) });
}

/** Free text that may span lines, such as a description; may be empty. */
export function Paragraphs(maxLength: number, description?: string) {
  return Type.String({ maxLength, pattern: PARAGRAPHS, ...described(description) });
}

/** Any one-line text, as typed into a search box or filter (trimmed later, not refused). */
export function FilterText(maxLength: number, description?: string) {
  return Type.String({ maxLength, pattern: `^[^${NO_CONTROL}]*$`, ...described(description) });
}

// No `description: undefined` key: @fastify/swagger walks the values of a schema it turned
// into additionalProperties and fails on an undefined one.
function described(description: string | undefined) {
  return description === undefined ? {} : { description };
}
