import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const DEFINITION = /defineProblem\(\s*'([A-Z_]+)',\s*(\d{3}),/g;

async function definedProblems(): Promise<Map<string, { status: string; file: string }>> {
  const found = new Map<string, { status: string; file: string }>();
  for (const top of ['packages', 'services', 'gateway', 'tools']) {
    const entries = await readdir(join(root, top), { recursive: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.endsWith('.ts') || entry.includes('node_modules') || entry.includes('/test/')) continue;
      const source = await readFile(join(root, top, entry), 'utf8');
      for (const [, code, status] of source.matchAll(DEFINITION)) {
        if (code && status) found.set(code, { status, file: relative(root, join(root, top, entry)) });
      }
    }
  }
  return found;
}

it('lists every error code a client can receive, with its status, in docs/errors.md', async () => {
  const documented = await readFile(join(root, 'docs', 'errors.md'), 'utf8');
  const problems = await definedProblems();
  assert.ok(problems.size > 10, 'the scan finds the defined problems');
  const missing = [...problems]
    .filter(
      ([code, { status }]) => !new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`).test(documented),
    )
    .map(([code, { status, file }]) => `${code} (${status}, ${file})`);
  assert.deepEqual(missing, [], 'add a row "| `CODE` | status | meaning |" for each');
});
