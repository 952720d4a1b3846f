/**
 * Keyset pagination over dead letters, newest first: a cursor names the last id of a page
 * (ids are a bigserial, so newer letters have larger ones). Opaque to clients.
 */
export function encodeDeadLetterCursor(id: string): string {
  return Buffer.from(`dl:${id}`).toString('base64url');
}

/** The id a cursor names, or undefined when `text` is not a cursor this module made. */
export function decodeDeadLetterCursor(text: string): string | undefined {
  const match = /^dl:([1-9][0-9]{0,18})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match?.[1];
}
