import { connect } from '@nats-io/transport-node';
import type { EventTransport } from '../../event-transport.ts';
import { createNatsTransport } from '../../transports/nats-transport.ts';
import { createPostgresTransport } from '../../transports/postgres-transport.ts';

/**
 * How the conformance suite reaches each bus; the child consumer process gets the same
 * settings through its environment (BUS, BUS_URL, BUS_STREAM_PREFIX).
 */
export async function connectBus(
  name: string,
  url: string,
  options: { redeliverAfterMs: number; streamPrefix?: string | undefined },
): Promise<EventTransport> {
  if (name === 'postgres')
    return createPostgresTransport({ url, redeliverAfterMs: options.redeliverAfterMs });
  if (name === 'nats') {
    return createNatsTransport({
      servers: url,
      streamPrefix: options.streamPrefix ?? 'EMPORIUM',
      redeliverAfterMs: options.redeliverAfterMs,
    });
  }
  throw new Error(`unknown bus ${name}`);
}

/** Whether a NATS server answers at `url`; the reason to skip when it does not. */
export async function natsSkipReason(url: string): Promise<string | undefined> {
  try {
    const connection = await connect({ servers: url, timeout: 2_000, reconnect: false });
    await connection.close();
    return undefined;
  } catch (error) {
    return `no NATS server at ${url} (${(error as Error).message}); set NATS_URL to run the NATS transport tests`;
  }
}
