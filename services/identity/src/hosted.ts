import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { checkIdentityConfig, IdentityConfig } from './config.ts';
import { createIdentityModule } from './module.ts';

/**
 * identity configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = checkIdentityConfig(loadConfig('identity', IdentityConfig, env));
  const service = await startService(createIdentityModule(config), config, options);
  return { service, config };
}
