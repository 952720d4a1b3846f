import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Generated secrets as files, one value each, readable by the owner only: what services
 * read through `<NAME>_FILE` variables, as they would read mounted Kubernetes Secrets.
 * Made once, on the first `up`, and kept: the embedded cluster's superuser password is
 * set when the cluster is created, so a new value would lock the supervisor out.
 */
export class SecretFiles {
  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Makes sure every named secret exists; returns their values and the names it created. */
  async ensure(names: readonly string[]): Promise<{ values: Map<string, string>; created: string[] }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await tightenMode(this.dir, 0o700);
    const values = new Map<string, string>();
    const created: string[] = [];
    for (const name of names) {
      const path = this.path(name);
      try {
        const file = await open(path, 'wx', 0o600);
        const value = generateSecret();
        try {
          await file.writeFile(`${value}\n`);
        } finally {
          await file.close();
        }
        values.set(name, value);
        created.push(name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        await tightenMode(path, 0o600);
        values.set(name, (await readFile(path, 'utf8')).replace(/\r?\n$/, ''));
      }
    }
    return { values, created };
  }
}

/** Removes group and other permissions someone added since; never widens them. */
async function tightenMode(path: string, mode: number): Promise<void> {
  const current = (await stat(path)).mode & 0o777;
  if ((current & ~mode) !== 0) await chmod(path, current & mode);
}

/**
 * 144 random bits as four dash-separated groups of base64url, with lower and upper case
 * letters and a digit, so it satisfies any reasonable password rule (identity's admin
 * password is one) and needs no quoting in a URL or a shell.
 */
export function generateSecret(): string {
  for (;;) {
    const text = randomBytes(18).toString('base64url');
    const candidate = text.match(/.{6}/g)?.join('-') ?? text;
    if (/[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}
