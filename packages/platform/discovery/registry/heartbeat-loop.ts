import type { InstanceAnnouncement, Registration, Warn } from '../service-registry.ts';

export interface HeartbeatLoopOptions {
  instance: InstanceAnnouncement;
  heartbeatMs: number;
  /** Writes the announcement with a fresh heartbeat, creating it again if the registry lost it. */
  announce(): Promise<void>;
  /** Removes the instance from the registry. */
  withdraw(): Promise<void>;
  warn: Warn;
  /** Told once the loop has stopped, before the instance is withdrawn. */
  onStop(): void;
}

/**
 * A registration of either real back end: the first announcement must succeed (a service
 * that cannot register fails its start), later ones may fail and are tried again on the next
 * tick, so a registry outage shorter than the TTL goes unnoticed by clients.
 */
export async function startHeartbeatLoop(options: HeartbeatLoopOptions): Promise<Registration> {
  const { instance, heartbeatMs, warn } = options;
  await options.announce();
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  const beat = () => {
    const startedAt = Date.now();
    beating = options
      .announce()
      .then(
        () => {
          failures = 0;
        },
        (error: Error) => {
          failures++;
          warn(
            error,
            `heartbeat of ${instance.service} instance ${instance.id} failed (${failures} in a row); ` +
              'trying again on the next tick',
          );
        },
      )
      .finally(() => {
        // Counted from the start of this beat, so a slow registry does not stretch the interval
        // towards the TTL.
        if (!stopped) timer = setTimeout(beat, Math.max(0, heartbeatMs - (Date.now() - startedAt)));
      });
  };
  timer = setTimeout(beat, heartbeatMs);

  let deregistering: Promise<void> | undefined;
  return {
    instance,
    deregister() {
      deregistering ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        // A heartbeat landing after the delete would list the instance again until its TTL.
        await beating;
        options.onStop();
        await options.withdraw();
      })();
      return deregistering;
    },
  };
}

/** On a registry's close: what is still registered leaves now rather than after its TTL. */
export async function deregisterAll(registrations: ReadonlySet<Registration>, warn: Warn): Promise<void> {
  await Promise.all(
    [...registrations].map((registration) =>
      registration
        .deregister()
        .catch((error: Error) => warn(error, `could not deregister ${registration.instance.id} on close`)),
    ),
  );
}
