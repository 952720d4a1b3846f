import { commandLineOf, isProcessAlive, signalIfAlive, waitForExit } from '@emporium/platform/host';
import { MONOLITH_ENTRY, MONOLITH_NAME } from '../monolith/monolith-environment.ts';
import type { ServiceDefinition } from '../services.ts';
import type { RunState } from '../state-file.ts';

/**
 * Stops service processes listed by a supervisor that died without stopping them. Normally
 * there are none (each service stops itself when its supervisor goes, see
 * exit-with-supervisor.ts); this covers processes started some other way. A pid is only
 * signalled while its command line still names that process's entry: pids get reused.
 */
export async function reclaimStaleRun(
  stale: RunState,
  services: readonly ServiceDefinition[],
  note: (line: string) => void,
): Promise<void> {
  // The monolith's pid is listed once per service it hosts; it is stopped once.
  const processes = new Map<number, { label: string; entry: string | undefined }>();
  for (const { name, instance, pid } of stale.services) {
    if (pid === null || processes.has(pid)) continue;
    processes.set(
      pid,
      stale.topology === 'monolith'
        ? { label: MONOLITH_NAME, entry: MONOLITH_ENTRY }
        : { label: instance, entry: services.find((service) => service.name === name)?.entry },
    );
  }
  await Promise.all(
    [...processes].map(async ([pid, { label, entry }]) => {
      if (!entry || !isProcessAlive(pid)) return;
      if (!(await commandLineOf(pid))?.includes(entry)) return;
      note(`stopping ${label} (pid ${pid}), left running by a supervisor that did not stop cleanly`);
      signalIfAlive(pid, 'SIGTERM');
      if (!(await waitForExit(pid, 15_000))) signalIfAlive(pid, 'SIGKILL');
    }),
  );
}
