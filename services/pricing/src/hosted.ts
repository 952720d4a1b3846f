import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { PricingConfig } from './config.ts';
import { createPricingModule } from './module.ts';

/**
 * pricing configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('pricing', PricingConfig, env);
  const service = await startService(createPricingModule(config), config, options);
  return { service, config };
}
