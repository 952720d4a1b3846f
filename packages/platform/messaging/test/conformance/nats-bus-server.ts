import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort, waitFor } from '../../../testing/index.ts';
import type { BusServer } from './bus-server.ts';

/** The nats-server binary the machine and CI have; NATS_SERVER_BIN names another. */
export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** SIGTERM is a clean shutdown (JetStream flushes its store); past this, SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;

/** Why a private NATS server cannot be started here, or undefined when it can. */
export function natsServerSkipReason(): string | undefined {
  return existsSync(NATS_SERVER_BIN)
    ? undefined
    : `no nats-server binary at ${NATS_SERVER_BIN}; install nats-server or set NATS_SERVER_BIN to run this test`;
}

/**
 * A private nats-server with JetStream, on a free loopback port, its store in a temporary
 * folder. stop() sends SIGTERM to this process only (by its pid) and waits for it to exit.
 */
export async function startNatsBusServer(): Promise<BusServer> {
  const storeDir = await mkdtemp(join(tmpdir(), 'emporium-bus-nats-'));
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let log: string[] = [];

  async function launch(): Promise<void> {
    log = [];
    const child = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server = child;
    // Should this process end without stop() (an uncaught error), the server must not outlive it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    // The server logs to stderr; the last lines explain a failed start.
    child.stderr?.on('data', (chunk: Buffer) => {
      log.push(...chunk.toString().split('\n').filter(Boolean));
      log.splice(0, Math.max(0, log.length - 20));
    });
    child.on('error', (error) => log.push(`could not run ${NATS_SERVER_BIN}: ${error.message}`));
    const outcome = await waitFor(
      `nats-server on ${url} to answer JetStream requests`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return 'exited';
        const connection = await connect({ servers: url, reconnect: false, timeout: 1_000 });
        try {
          // It accepts connections before JetStream has recovered its store.
          await jetstreamManager(connection);
          return 'ready';
        } finally {
          await connection.close();
        }
      },
      { timeoutMs: 15_000 },
    ).catch(async (error: unknown) => {
      await stop();
      throw new Error(`${(error as Error).message}\n${log.join('\n')}`);
    });
    if (outcome === 'exited') {
      server = undefined;
      throw new Error(`nats-server exited before it answered on ${url}:\n${log.join('\n')}`);
    }
  }

  async function stop(): Promise<void> {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  }

  const close = async () => {
    await stop();
    await rm(storeDir, { recursive: true, force: true });
  };
  try {
    await launch();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url,
    stop,
    async start() {
      if (server) throw new Error('the bus nats-server is already running');
      await launch();
    },
    close,
  };
}
