/** The catalog as its own process: `node --import tsx --import @emporium/platform/tracing/register src/main.ts`. */
import { loadConfig } from '@emporium/platform/config';
import { runServiceProcess, startService } from '@emporium/platform/host';
import { CatalogConfig } from './config.ts';
import { createCatalogModule } from './module.ts';

await runServiceProcess(async () => {
  const config = loadConfig('catalog', CatalogConfig);
  const service = await startService(createCatalogModule(config), config);
  return { service, config };
});
