/**
 * Real catalog processes for fault tests, and a caller that reaches them the way another
 * service does. Each instance is `node --import tsx services/catalog/src/main.ts`, a process
 * of its own the test can SIGKILL, SIGSTOP and SIGCONT; all share one catalog database
 * (seeded once by whichever starts first) and register in a second one, the registry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@connectrpc/connect';
import { ProductService } from '@emporium/contracts/proto/catalog/v1/product_service';
import {
  createDiscoveryClient,
  type DiscoveryClient,
  type InstanceLease,
  type ServiceRegistry,
} from '@emporium/platform/discovery';
import { signalIfAlive } from '@emporium/platform/host';
import { type CallPolicyOverrides, createResilience, type Resilience } from '@emporium/platform/resilience';
import { type Code, ConnectError, isRetryable, isTargetFailure, RpcClients } from '@emporium/platform/rpc';
import { createTestDatabase, freePort, type TestDatabase, waitFor } from '@emporium/platform/testing';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
/** Loading the chassis under tsx takes seconds, longer while other test files start theirs. */
const READY_TIMEOUT_MS = 90_000;
/** Kept to the end of a failure message: enough for a stack trace per instance. */
const OUTPUT_KEPT_CHARS = 24_000;

export interface CatalogProcess {
  /** Its INSTANCE_ID, which is also its id in the registry. */
  readonly id: string;
  readonly httpUrl: string;
  /** Sends `signal` by PID, unless the process has already exited (its PID may be reused). */
  signal(signal: NodeJS.Signals): void;
  /**
   * SIGSTOP, once the kernel reports it stopped: a peer that hangs. The kernel still accepts
   * its connections and buffers what is sent to it; nothing answers, not even heartbeats.
   */
  pause(): Promise<void>;
  /** SIGCONT, once the kernel reports it running again. */
  resume(): Promise<void>;
  /** Settles when the process has exited, however. */
  readonly exited: Promise<void>;
}

export interface CatalogFleet {
  readonly instances: CatalogProcess[];
  /** The `platform` database every instance registers in. */
  readonly registryUrl: string;
  /** What the processes wrote (warnings and worse), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period, for each process still running; drops both databases. */
  stop(): Promise<void>;
}

/** `size` catalog processes, started together, each answering /health/ready. */
export async function startCatalogFleet(options: { size: number; ttlMs: number }): Promise<CatalogFleet> {
  const databases: TestDatabase[] = [];
  const instances: CatalogProcess[] = [];
  let output = '';
  const record = (line: string) => {
    output = (output + line).slice(-OUTPUT_KEPT_CHARS);
  };
  const stop = async () => {
    await Promise.all(instances.map((instance) => stopProcess(instance)));
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  };
  try {
    const catalog = await createTestDatabase('catalog');
    databases.push(catalog);
    const registry = await createTestDatabase('platform');
    databases.push(registry);
    for (let n = 1; n <= options.size; n++) {
      const [port, rpcPort] = [await freePort(), await freePort()];
      const environment = {
        PORT: String(port),
        RPC_PORT: String(rpcPort),
        DATABASE_URL: catalog.url,
        DATABASE_POOL_MAX: '3',
        DISCOVERY: 'postgres',
        REGISTRY_DATABASE_URL: registry.url,
        REGISTRY_TTL_MS: String(options.ttlMs),
        INSTANCE_ID: `catalog-${n}`,
        IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
        SEED_CATALOGUE: 'true',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        SHUTDOWN_TIMEOUT_MS: '3000',
      };
      instances.push(spawnCatalog(environment, record));
    }
    await Promise.all(instances.map((instance) => untilReady(instance, () => output)));
    return { instances, registryUrl: registry.url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`the catalog fleet did not start: ${(error as Error).message}\n${output}`, {
      cause: error,
    });
  }
}

function spawnCatalog(environment: Record<string, string>, record: (line: string) => void): CatalogProcess {
  const id = environment.INSTANCE_ID as string;
  // The test runner tells its own children, through this variable, to report to it.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_TEST_CONTEXT'),
  );
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'services/catalog/src/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      record(`[${id}] exited (${signal ?? `code ${code}`})\n`);
      resolve();
    });
  });
  child.once('error', (error) => record(`[${id}] could not start: ${error.message}\n`));
  // pino writes to stdout, crashes go to stderr: a failure message needs both.
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => record(`[${id}] ${text}`));
  }
  const signal = (name: NodeJS.Signals) => {
    if (running && child.pid !== undefined) signalIfAlive(child.pid, name);
  };
  // Linux: the state letter follows the command name in parentheses; T is stopped by a signal.
  const stopped = async () => {
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  };
  return {
    id,
    httpUrl: `http://127.0.0.1:${environment.PORT}`,
    signal,
    async pause() {
      signal('SIGSTOP');
      await waitFor(`${id} to be stopped`, stopped, { timeoutMs: 2_000, intervalMs: 10 });
    },
    async resume() {
      signal('SIGCONT');
      await waitFor(`${id} to run again`, async () => !(await stopped()), {
        timeoutMs: 2_000,
        intervalMs: 10,
      });
    },
    exited,
  };
}

async function untilReady(instance: CatalogProcess, output: () => string): Promise<void> {
  let exited = false;
  const ready = waitFor(
    `${instance.id} to answer /health/ready`,
    async () => {
      if (exited) throw new Error(`${instance.id} exited before it was ready`);
      return (await fetch(`${instance.httpUrl}/health/ready`)).ok;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100 },
  );
  const died = instance.exited.then(() => {
    exited = true;
    throw new Error(`${instance.id} exited before it was ready:\n${output()}`);
  });
  await Promise.race([ready, died]);
}

/** Graceful first; a stopped (SIGSTOP) process must be continued to act on SIGTERM. */
async function stopProcess(instance: CatalogProcess): Promise<void> {
  instance.signal('SIGCONT');
  instance.signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 5_000);
  });
  const outcome = await Promise.race([instance.exited, graceOver]);
  clearTimeout(timer);
  if (outcome === 'late') {
    instance.signal('SIGKILL');
    await instance.exited;
  }
}

/** One attempt's instance and how the attempt ended, as the RPC client released its lease. */
export interface PickRecord {
  instanceId: string;
  pickedAt: number;
  releasedAt?: number;
  /** answered: released with no outcome (success); failed: without eviction; evicted: with it. */
  outcome?: 'answered' | 'failed' | 'evicted';
}

export interface CatalogCaller {
  registry: ServiceRegistry;
  discovery: DiscoveryClient;
  resilience: Resilience;
  clients: RpcClients;
  products: Client<typeof ProductService>;
  /** Every pick the calls made, in order. */
  picks: PickRecord[];
  /** Ends clients, discovery and the registry. */
  close(): Promise<void>;
}

/**
 * What another service builds (see platform/host/outbound-rpc.ts), with the test's own
 * policies: a discovery client over `registry`, resilience classifying errors as the host
 * does, and RpcClients; `products` calls `catalog`. Owns `registry`: close() closes it.
 */
export function connectCaller(
  registry: ServiceRegistry,
  options: { policy: CallPolicyOverrides; firstAnswerTimeoutMs?: number },
): CatalogCaller {
  const picks: PickRecord[] = [];
  const discovery = recordingPicks(
    createDiscoveryClient(registry, { firstAnswerTimeoutMs: options.firstAnswerTimeoutMs ?? 3_000 }),
    picks,
  );
  const resilience = createResilience({
    isFailure: isTargetFailure,
    isRetryable,
    settingsFor: () => options.policy,
  });
  const clients = new RpcClients({ discovery, resilience });
  return {
    registry,
    discovery,
    resilience,
    clients,
    products: clients.client(ProductService, 'catalog'),
    picks,
    async close() {
      await clients.close();
      await discovery.close();
      await registry.close();
    },
  };
}

/** The discovery client as it is, but every lease noted in `picks`: where each attempt went. */
function recordingPicks(discovery: DiscoveryClient, picks: PickRecord[]): DiscoveryClient {
  return {
    async pick(service, options) {
      const lease: InstanceLease = await discovery.pick(service, options);
      const record: PickRecord = { instanceId: lease.instance.id, pickedAt: Date.now() };
      picks.push(record);
      return {
        instance: lease.instance,
        release(outcome) {
          if (record.releasedAt === undefined) {
            record.releasedAt = Date.now();
            record.outcome = outcome === undefined ? 'answered' : outcome.evict ? 'evicted' : 'failed';
          }
          lease.release(outcome);
        },
      };
    },
    snapshot: () => discovery.snapshot(),
    close: () => discovery.close(),
  };
}

/** How one call ended, bounded by the test's own watchdog so a hang is a result, not a stuck test. */
export type CallOutcome =
  | { ok: true; startedAt: number; ms: number }
  | {
      ok: false;
      startedAt: number;
      ms: number;
      /** Undefined when it hung, or when what it threw was not a ConnectError (a chassis bug). */
      code: Code | undefined;
      message: string;
      hung: boolean;
    };

const HUNG = Symbol('hung');

export async function settleWithin(watchdogMs: number, call: () => Promise<unknown>): Promise<CallOutcome> {
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<typeof HUNG>((resolve) => {
    timer = setTimeout(() => resolve(HUNG), watchdogMs);
  });
  const running = call();
  const failed = (code: Code | undefined, message: string, hung = false): CallOutcome => ({
    ok: false,
    startedAt,
    ms: Date.now() - startedAt,
    code,
    message,
    hung,
  });
  try {
    if ((await Promise.race([running, watchdog])) !== HUNG)
      return { ok: true, startedAt, ms: Date.now() - startedAt };
    // Left running: whenever it settles, it has already been reported as a hang.
    running.catch(() => {});
    return failed(undefined, `no answer within ${watchdogMs} ms`, true);
  } catch (error) {
    if (error instanceof ConnectError) return failed(error.code, error.rawMessage);
    return failed(undefined, `not a ConnectError: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
