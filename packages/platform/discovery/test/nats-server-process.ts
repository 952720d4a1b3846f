import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort, waitFor } from './registry-test-kit.ts';

/** The nats-server binary the machine and CI have; NATS_SERVER_BIN names another. */
const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** Whether a NATS server answers at `url`; the reason to skip when it does not. */
export async function natsSkipReason(url: string): Promise<string | undefined> {
  try {
    const connection = await connect({ servers: url, timeout: 2_000, reconnect: false });
    await connection.close();
    return undefined;
  } catch (error) {
    return `no NATS server at ${url} (${(error as Error).message}); set NATS_URL to run the NATS registry tests`;
  }
}

export function natsServerSkipReason(): string | undefined {
  return existsSync(NATS_SERVER_BIN)
    ? undefined
    : `no nats-server binary at ${NATS_SERVER_BIN}; install nats-server or set NATS_SERVER_BIN to run this test`;
}

export interface NatsServerProcess {
  url: string;
  /** Stops the server (SIGTERM to its pid) and waits for it to exit; its store stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and removes its store. */
  remove(): Promise<void>;
}

/** A private nats-server with JetStream on a free loopback port, which a test may stop and start. */
export async function startNatsServerProcess(): Promise<NatsServerProcess> {
  const storeDir = await mkdtemp(join(tmpdir(), 'emporium-registry-nats-'));
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  async function start(): Promise<void> {
    const child = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: 'ignore',
    });
    server = child;
    // Should this process end without stop(), the server must not outlive it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    await waitFor(
      `nats-server on ${url} to answer JetStream requests`,
      async () => {
        const connection = await connect({ servers: url, reconnect: false, timeout: 1_000 });
        try {
          // It accepts connections before JetStream has recovered its store.
          await jetstreamManager(connection);
          return true;
        } finally {
          await connection.close();
        }
      },
      { timeoutMs: 10_000 },
    );
  }

  async function stop(): Promise<void> {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    await exit;
  }

  await start();
  return {
    url,
    stop,
    start,
    async remove() {
      await stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
