import { loadConfig } from '@emporium/platform/config';
import { runServiceProcess, startService } from '@emporium/platform/host';
import { checkIdentityConfig, IdentityConfig } from './config.ts';
import { createIdentityModule } from './module.ts';

// Process entry: `node --import tsx --import @emporium/platform/tracing/register src/main.ts`.
await runServiceProcess(async () => {
  const config = checkIdentityConfig(loadConfig('identity', IdentityConfig));
  const service = await startService(createIdentityModule(config), config);
  return { service, config };
});
