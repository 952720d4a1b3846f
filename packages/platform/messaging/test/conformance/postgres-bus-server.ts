import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionDatabase, type RunningPostgres, startEmbeddedPostgres } from '../../../db/index.ts';
import { freePort } from '../../../testing/index.ts';
import type { BusServer } from './bus-server.ts';

/**
 * A private embedded PostgreSQL holding the bus in a database of its own (as `emporium up`
 * provisions `platform`), on a free port, its cluster in a temporary folder. stop() is
 * PostgreSQL's fast shutdown: open sessions are ended, committed work is kept.
 */
export async function startPostgresBusServer(): Promise<BusServer> {
  const root = await mkdtemp(join(tmpdir(), 'emporium-bus-pg-'));
  const port = await freePort();
  const superuserPassword = randomBytes(12).toString('hex');
  const launch = () =>
    startEmbeddedPostgres({ dataDir: join(root, 'data'), ownedRoot: root, port, superuserPassword });
  let running: RunningPostgres | undefined;
  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.stop();
  };
  const close = async () => {
    await stop();
    await rm(root, { recursive: true, force: true });
  };
  try {
    running = await launch();
    const url = await provisionDatabase(running.adminUrl, {
      database: 'bus',
      role: 'bus',
      password: randomBytes(12).toString('hex'),
    });
    return {
      url,
      stop,
      async start() {
        if (running) throw new Error('the bus PostgreSQL is already running');
        running = await launch();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
