import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { OrdersConfig } from './config.ts';
import { createOrdersModule } from './module.ts';

/**
 * orders configured from an environment and started: what its own process runs, and what
 * the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('orders', OrdersConfig, env);
  const service = await startService(createOrdersModule(config), config, options);
  return { service, config };
}
