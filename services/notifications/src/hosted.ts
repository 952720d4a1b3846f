import { type Environment, loadConfig } from '@emporium/platform/config';
import { type StartServiceOptions, startService } from '@emporium/platform/host';
import { NotificationsConfig } from './config.ts';
import { createNotificationsModule } from './module.ts';

/**
 * notifications configured from an environment and started: what its own process runs, and
 * what the monolith topology runs beside the other services in one process.
 */
export async function startHosted(env: Environment, options: StartServiceOptions = {}) {
  const config = loadConfig('notifications', NotificationsConfig, env);
  const service = await startService(createNotificationsModule(config), config, options);
  return { service, config };
}
