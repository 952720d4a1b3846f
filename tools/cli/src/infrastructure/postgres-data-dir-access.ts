import { chmod, stat } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { CliError } from '../cli-error.ts';

/**
 * PostgreSQL refuses to run as root, so as root (containers, CI) the chassis runs it as
 * the `postgres` system user, which must be able to walk down to the data directory. A
 * home made with mkdtemp, or by a umask of 077, is 0700 and blocks it ("could not access
 * directory ... Permission denied" from initdb). Inside EMPORIUM_HOME we add the search
 * bit for others (it lets them pass through, not list); above it we only explain.
 */
export async function letPostgresUserReach(dataDir: string, home: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      if (isWithin(dir, home)) {
        await chmod(dir, mode | 0o001);
      } else {
        throw new CliError(
          'POSTGRES_FAILED',
          `the embedded PostgreSQL runs as the "postgres" user (not as root), which cannot pass through ${dir} ` +
            `(mode ${mode.toString(8)}). Set EMPORIUM_HOME to a directory it can reach, or run as another user.`,
        );
      }
    }
    if (dirname(dir) === dir) return;
  }
}

function isWithin(dir: string, root: string): boolean {
  const path = relative(root, dir);
  return path === '' || (!path.startsWith('..') && !path.startsWith('/'));
}
