import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isProcessAlive } from '@emporium/platform/host';

/** run/state.json: what one `emporium up` is running. */
export interface RunState {
  supervisorPid: number;
  startedAt: string;
  /** `monolith`: every service entry carries the one process's pid. */
  topology: 'microservices' | 'monolith';
  postgres: { embedded: boolean; port: number; pid?: number } | null;
  /** Where the services register, for `emporium call`; null until known. */
  registry: RegistryLocation | null;
  /** One entry per instance: a service scaled to 3 is listed three times. */
  services: ServiceState[];
}

export interface ServiceState {
  /** The service: `catalog`. */
  name: string;
  /** As the supervisor labels it: `catalog-2`, or `catalog` when it runs once. */
  instance: string;
  /** Its INSTANCE_ID in the registry. */
  instanceId: string;
  url: string;
  /** Its gRPC (h2c) listener. */
  rpcUrl: string;
  /** The current process; rewritten when a restart changes it. */
  pid: number | null;
}

/**
 * Where the registry is, without its password: the password is in `passwordFile` (a secret
 * `up` generated), or in `variable` of the environment `up` was started with.
 */
export interface RegistryLocation {
  kind: 'postgres' | 'nats';
  address: string;
  passwordFile?: string;
  variable?: string;
}

/** Either this process now holds the file (and `stale` is what a dead supervisor left), or a live one does. */
export type Claim = { claimed: true; stale: RunState | undefined } | { claimed: false; running: RunState };

/**
 * The state file doubles as the lock that keeps two `up`s off one EMPORIUM_HOME: it is
 * created exclusively, so of two supervisors starting at once only one gets it.
 */
export class StateFile {
  #writes: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Takes the file for this process, unless a live supervisor holds it. A dead one's is replaced. */
  async claim(initial: RunState): Promise<Claim> {
    await mkdir(dirname(this.path), { recursive: true });
    let stale: RunState | undefined;
    for (;;) {
      try {
        const file = await open(this.path, 'wx', 0o644);
        try {
          await file.writeFile(`${JSON.stringify(initial, null, 2)}\n`);
        } finally {
          await file.close();
        }
        return { claimed: true, stale };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const existing = await this.read();
      if (existing && isProcessAlive(existing.supervisorPid)) return { claimed: false, running: existing };
      // Left by a supervisor that did not stop cleanly; the caller reclaims what it ran.
      stale = existing ?? stale;
      await rm(this.path, { force: true });
    }
  }

  /** The recorded run, or undefined when there is none (or the file is unreadable). */
  async read(): Promise<RunState | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parseRunState(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  /**
   * Replaces the file atomically, so `status` never reads half of it. Writes are queued:
   * two services starting together must not race on the temporary file, and the last
   * state given is the one left on disk.
   */
  write(state: RunState): Promise<void> {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    const temporary = `${this.path}.${process.pid}.tmp`;
    const written = this.#writes.then(async () => {
      await writeFile(temporary, text);
      await rename(temporary, this.path);
    });
    this.#writes = written.catch(() => {});
    return written;
  }

  /** After any queued write, so none can bring the file back. */
  async remove(): Promise<void> {
    await this.#writes;
    await rm(this.path, { force: true });
  }
}

function parseRunState(value: unknown): RunState | undefined {
  if (!isRecord(value) || typeof value.supervisorPid !== 'number' || !Array.isArray(value.services)) {
    return undefined;
  }
  const services: ServiceState[] = [];
  const text = (field: unknown, fallback: string) => (typeof field === 'string' ? field : fallback);
  for (const entry of value.services) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.url !== 'string') return undefined;
    services.push({
      name: entry.name,
      instance: text(entry.instance, entry.name),
      instanceId: text(entry.instanceId, entry.name),
      url: entry.url,
      rpcUrl: text(entry.rpcUrl, ''),
      pid: typeof entry.pid === 'number' ? entry.pid : null,
    });
  }
  const registry = parseRegistryLocation(value.registry);
  const postgres = isRecord(value.postgres)
    ? {
        embedded: value.postgres.embedded === true,
        port: typeof value.postgres.port === 'number' ? value.postgres.port : 0,
        ...(typeof value.postgres.pid === 'number' ? { pid: value.postgres.pid } : {}),
      }
    : null;
  return {
    supervisorPid: value.supervisorPid,
    startedAt: text(value.startedAt, ''),
    topology: value.topology === 'monolith' ? 'monolith' : 'microservices',
    postgres,
    registry,
    services,
  };
}

function parseRegistryLocation(value: unknown): RegistryLocation | null {
  if (!isRecord(value) || typeof value.address !== 'string') return null;
  const { kind, address, passwordFile, variable } = value;
  if (kind !== 'postgres' && kind !== 'nats') return null;
  return {
    kind,
    address,
    ...(typeof passwordFile === 'string' ? { passwordFile } : {}),
    ...(typeof variable === 'string' ? { variable } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
