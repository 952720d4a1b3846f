import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { type Logger, pino } from 'pino';
import type { InstanceAnnouncement, ServiceInstance, ServiceRegistry } from '../index.ts';

// The testing package's own files: its index also loads the HTTP host, seconds of start-up
// that would double these files' run time.
export { freePort } from '../../testing/find-test-postgres.ts';
export { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
export { waitFor } from '../../testing/wait-for.ts';

/** Short, so expiry tests are quick; heartbeats every 500 ms. */
export const TTL_MS = 1_500;
export const HEARTBEAT_MS = 500;

/** What the shared scenarios need of a back end. */
export interface RegistryBackend {
  kind: 'postgres' | 'nats';
  /** A registry on the back end under test, with the short TTL. */
  open(logger?: Logger): ServiceRegistry;
  /** The same kind of registry at another URL (a closed port, a silent server). */
  openAt(url: string): ServiceRegistry;
  /** A URL of this back end's kind at 127.0.0.1:`port`. */
  urlAt(port: number): string;
  /** What test/fixtures/registered-instance.ts needs to register on this back end. */
  childEnvironment: Record<string, string>;
}

/** A service name no other test uses: tests share a database or bucket. */
export function newService(): string {
  return `svc${randomBytes(4).toString('hex')}`;
}

export function announcement(service: string, n: number): InstanceAnnouncement {
  return {
    service,
    id: `${service}-${n}:${randomBytes(2).toString('hex')}`,
    rpcUrl: `http://127.0.0.1:${41_000 + n}`,
    httpUrl: `http://127.0.0.1:${40_000 + n}`,
    version: `1.0.${n}`,
    zone: n % 2 === 0 ? 'zone-b' : 'zone-a',
  };
}

/** Records what a watch reports. */
export function watchRecorder() {
  const answers: ServiceInstance[][] = [];
  const errors: Error[] = [];
  return {
    answers,
    errors,
    onChange: (instances: ServiceInstance[]) => answers.push(instances),
    onError: (error: Error) => errors.push(error),
    /** The ids in the latest answer, or undefined before the first. */
    ids: (): string[] | undefined => answers.at(-1)?.map((instance) => instance.id),
    has: (id: string) => answers.at(-1)?.some((instance) => instance.id === id) ?? false,
  };
}

/** Opens a registry that the test closes when it ends. */
export function openFor(t: TestContext, open: () => ServiceRegistry): ServiceRegistry {
  const registry = open();
  t.after(() => registry.close());
  return registry;
}

/** A logger whose warnings (JSON lines) a test can read, and that keeps expected ones off the console. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

/** Milliseconds `work` took to settle, and its error if it failed. */
export async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const startedAt = Date.now();
  try {
    await work();
    return { ms: Date.now() - startedAt, error: undefined };
  } catch (error) {
    return { ms: Date.now() - startedAt, error };
  }
}
