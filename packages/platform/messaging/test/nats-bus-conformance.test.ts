import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { connectBus, natsSkipReason } from './conformance/buses.ts';
import { describeTransportConformance } from './conformance/transport-conformance.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const skipReason = await natsSkipReason(url);
// Streams of this run only, removed afterwards.
const streamPrefix = `CONFORMANCE_${randomBytes(4).toString('hex').toUpperCase()}`;

after(async () => {
  if (skipReason) return;
  const connection = await connect({ servers: url });
  const manager = await jetstreamManager(connection);
  for await (const stream of manager.streams.list()) {
    if (stream.config.name.startsWith(streamPrefix)) await manager.streams.delete(stream.config.name);
  }
  await connection.close();
});

describeTransportConformance({
  name: 'nats (JetStream)',
  skipReason,
  connect: (options) => connectBus('nats', url, { ...options, streamPrefix }),
  childEnv: { BUS: 'nats', BUS_URL: url, BUS_STREAM_PREFIX: streamPrefix },
});
