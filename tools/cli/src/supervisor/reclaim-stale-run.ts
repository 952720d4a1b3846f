import { commandLineOf, isProcessAlive, signalIfAlive, waitForExit } from '@emporium/platform/host';
import type { ServiceDefinition } from '../services.ts';
import type { RunState } from '../state-file.ts';

/**
 * Stops service processes listed by a supervisor that died without stopping them. Normally
 * there are none (each service stops itself when its supervisor goes, see
 * exit-with-supervisor.ts); this covers processes started some other way. A pid is only
 * signalled while its command line still names that service's entry: pids get reused.
 */
export async function reclaimStaleRun(
  stale: RunState,
  services: readonly ServiceDefinition[],
  note: (line: string) => void,
): Promise<void> {
  await Promise.all(
    stale.services.map(async ({ name, pid }) => {
      const entry = services.find((service) => service.name === name)?.entry;
      if (pid === null || !entry || !isProcessAlive(pid)) return;
      if (!(await commandLineOf(pid))?.includes(entry)) return;
      note(`stopping ${name} (pid ${pid}), left running by a supervisor that did not stop cleanly`);
      signalIfAlive(pid, 'SIGTERM');
      if (!(await waitForExit(pid, 15_000))) signalIfAlive(pid, 'SIGKILL');
    }),
  );
}
