import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { InventoryConfig } from './config.ts';
import { createInventoryModule } from './module.ts';

/**
 * inventory configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('inventory', InventoryConfig, env);
  const service = await startService(createInventoryModule(config), config, options);
  return { service, config };
}
