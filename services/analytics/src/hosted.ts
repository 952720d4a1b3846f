import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { AnalyticsConfig } from './config.ts';
import { createAnalyticsModule } from './module.ts';

/**
 * analytics configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('analytics', AnalyticsConfig, env);
  const service = await startService(createAnalyticsModule(config), config, options);
  return { service, config };
}
