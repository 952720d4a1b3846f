/** `npm run asyncapi`: regenerates docs/asyncapi.json from the event contracts. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allEvents } from '../src/events/all-events.ts';
import { buildAsyncApiDocument } from '../src/events/asyncapi-document.ts';

export const ASYNCAPI_PATH = join(import.meta.dirname, '..', '..', '..', 'docs', 'asyncapi.json');

export function renderAsyncApi(): string {
  return `${JSON.stringify(buildAsyncApiDocument(allEvents), null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  await writeFile(ASYNCAPI_PATH, renderAsyncApi());
  console.log(`wrote ${ASYNCAPI_PATH}`);
}
