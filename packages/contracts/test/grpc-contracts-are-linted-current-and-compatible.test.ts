import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..', '..');
const buf = join(root, 'node_modules', '.bin', 'buf');
const committedGen = join(root, 'packages', 'contracts', 'gen');

async function bufRun(args: string[], cwd = root): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(buf, args, { cwd });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message };
  }
}

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return files;
}

describe('gRPC contracts (proto/)', () => {
  let scratch: string;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'emporium-proto-'));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('pass `buf lint`', async () => {
    const lint = await bufRun(['lint']);
    assert.ok(lint.ok, lint.output);
  });

  it('match the committed TypeScript in packages/contracts/gen (run `npm run proto`)', async () => {
    const generated = await bufRun(['generate', '-o', scratch]);
    assert.ok(generated.ok, generated.output);
    const fresh = await filesUnder(join(scratch, 'packages', 'contracts', 'gen'));
    const committed = await filesUnder(committedGen);
    assert.deepEqual([...committed.keys()].sort(), [...fresh.keys()].sort());
    for (const [path, text] of fresh) assert.equal(committed.get(path), text, `${path} is stale`);
  });

  // Working-tree changes are compared with main; on main itself (as in CI), the newest commit
  // is compared with its parent. A ref without protos yet has nothing to break.
  for (const [label, ref] of [
    ['the main branch', 'main'],
    ['the previous commit', 'HEAD~1'],
  ] as const) {
    it(`make no breaking change against ${label} (\`buf breaking\`)`, async (t) => {
      const protos = await run('git', ['ls-tree', '-r', '--name-only', ref, 'proto'], { cwd: root }).then(
        ({ stdout }) => stdout.trim(),
        () => '',
      );
      if (!protos) {
        t.skip(`${ref} has no protos in this checkout to compare with`);
        return;
      }
      const breaking = await bufRun(['breaking', '--against', `.git#ref=${ref}`]);
      assert.ok(breaking.ok, breaking.output);
    });
  }

  it('would catch a breaking change: a field renumbered in a copy of the protos', async () => {
    const changed = join(scratch, 'changed');
    await cp(join(root, 'proto'), join(changed, 'proto'), { recursive: true });
    await writeFile(
      join(changed, 'buf.yaml'),
      'version: v2\nmodules:\n  - path: proto\nbreaking:\n  use:\n    - FILE\n',
    );
    const file = join(changed, 'proto', 'emporium', 'catalog', 'v1', 'product_service.proto');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('repeated string skus = 1;', 'repeated string skus = 3;'));
    const breaking = await bufRun(['breaking', '--against', join(root, 'proto')], changed);
    assert.equal(breaking.ok, false, 'buf breaking accepted a renumbered field');
    assert.match(breaking.output, /skus/);
  });
});
