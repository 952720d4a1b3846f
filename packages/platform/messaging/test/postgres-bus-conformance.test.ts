import { after } from 'node:test';
import { createTestDatabase } from '../../testing/index.ts';
import { connectBus } from './conformance/buses.ts';
import { describeTransportConformance } from './conformance/transport-conformance.ts';

// The bus lives in a database of its own, as the `platform` database holds it under `emporium up`.
const bus = await createTestDatabase('bus');
after(() => bus.drop());

describeTransportConformance({
  name: 'postgres (pg-boss)',
  skipReason: undefined,
  connect: (options) => connectBus('postgres', bus.url, options),
  childEnv: { BUS: 'postgres', BUS_URL: bus.url },
});
