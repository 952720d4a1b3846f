import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { CatalogConfig } from './config.ts';
import { createCatalogModule } from './module.ts';

/**
 * catalog configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('catalog', CatalogConfig, env);
  const service = await startService(createCatalogModule(config), config, options);
  return { service, config };
}
