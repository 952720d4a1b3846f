import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { PaymentsConfig } from './config.ts';
import { createPaymentsModule } from './module.ts';

/**
 * payments configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('payments', PaymentsConfig, env);
  const service = await startService(createPaymentsModule(config), config, options);
  return { service, config };
}
