import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { ShippingConfig } from './config.ts';
import { createShippingModule } from './module.ts';

/**
 * shipping configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('shipping', ShippingConfig, env);
  const service = await startService(createShippingModule(config), config, options);
  return { service, config };
}
