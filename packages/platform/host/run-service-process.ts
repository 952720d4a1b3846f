import { ConfigError } from '../config/index.ts';
import { stopTracing } from '../tracing/index.ts';
import type { HostConfig, RunningService } from './start-service.ts';

/** What a process hosts: one service, or several (the monolith topology) stopped as one. */
export interface StartedProcess {
  service: Pick<RunningService<unknown>, 'logger' | 'stop'>;
  config: Pick<HostConfig, 'SHUTDOWN_TIMEOUT_MS'>;
}

/**
 * The tail of a service's main.ts: start, then on SIGTERM or SIGINT stop gracefully within
 * SHUTDOWN_TIMEOUT_MS, exiting non-zero if draining takes longer. A configuration error is
 * printed as the list of what is wrong, without a stack trace.
 */
export async function runServiceProcess(start: () => Promise<StartedProcess>): Promise<void> {
  let started: StartedProcess;
  try {
    started = await start();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  }
  const { service, config } = started;
  const shutdown = (signal: string) => {
    service.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      service.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    service
      .stop()
      .then(stopTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          service.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
