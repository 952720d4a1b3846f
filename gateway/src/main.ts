import { loadConfig } from '@emporium/platform/config';
import { runServiceProcess } from '@emporium/platform/host';
import { GatewayConfig } from './config.ts';
import { startGateway } from './start-gateway.ts';

// Process entry: `node --import tsx gateway/src/main.ts` (what `emporium up` runs after the services).
await runServiceProcess(async () => {
  const config = loadConfig('gateway', GatewayConfig);
  const gateway = await startGateway(config);
  return { service: gateway, config };
});
