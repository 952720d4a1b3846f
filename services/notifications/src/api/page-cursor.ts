import { InvalidCursor } from '../errors.ts';

/**
 * Opaque page cursors: the position of the last row of a page, base64url-encoded JSON. A
 * cursor that does not decode to the expected shape is refused with INVALID_CURSOR.
 */
export function encodeCursor(position: readonly string[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(
  cursor: string,
  parts: number,
  valid: (position: string[]) => boolean,
): string[] {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (
    Array.isArray(position) &&
    position.length === parts &&
    position.every((part): part is string => typeof part === 'string') &&
    valid(position)
  ) {
    return position;
  }
  throw InvalidCursor('Pass the nextCursor of a previous page unchanged, or no cursor for the first page');
}

export const isSeq = (text: string) => /^[1-9][0-9]{0,18}$/.test(text);
export const isUuid = (text: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
export const isInstant = (text: string) => !Number.isNaN(Date.parse(text));
