/**
 * The monolith topology's process: every service `emporium up --topology monolith` selected,
 * hosted in this one process from its `startHosted` module. Same code and databases as one
 * process per service; a call between co-hosted modules goes through Connect's in-memory
 * router transport instead of the network.
 *
 * A composition root: reads what to host from EMPORIUM_MONOLITH_SERVICES and
 * EMPORIUM_MONOLITH_ENV (see monolith-environment.ts), which the supervisor sets.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type Environment } from '@emporium/platform/config';
import { runServiceProcess, type StartedProcess, type StartServiceOptions } from '@emporium/platform/host';
import { createLogger, type Logger } from '@emporium/platform/log';
import { createInProcessTransport, type RpcServices } from '@emporium/platform/rpc';
import { SERVICES } from '../services.ts';
import { decodeMonolithEnvironment, MONOLITH_NAME } from './monolith-environment.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** What a service's hosted module gives back: the running service and the config it read. */
interface Hosted {
  service: { name: string; logger: Logger; rpcServices: RpcServices; stop(): Promise<void> };
  config: { SHUTDOWN_TIMEOUT_MS: number; LOG_LEVEL: string; LOG_PRETTY: boolean };
}

interface HostedModule {
  startHosted(env: Environment, options: StartServiceOptions): Promise<Hosted>;
}

type InProcessTransport = ReturnType<typeof createInProcessTransport>;

/** The import boundary: a module file is trusted to be what its ServiceDefinition says once it exports startHosted. */
function isHostedModule(value: unknown): value is HostedModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'startHosted' in value &&
    typeof value.startHosted === 'function'
  );
}

/** A problem with what the monolith was told to host: its message is the whole story. */
class HostingError extends Error {}

class ServiceStartError extends Error {
  constructor(service: string, cause: unknown) {
    const known = cause instanceof ConfigError || cause instanceof HostingError;
    const reason = known ? cause.message : ((cause as Error).stack ?? String(cause));
    super(`${service} could not start: ${reason}`, { cause });
    this.name = 'ServiceStartError';
  }
}

async function startMonolith(env: Environment): Promise<StartedProcess> {
  const plan = decodeMonolithEnvironment(env);
  // Filled as services start, so each can call the ones started before it in memory.
  const local = new Map<string, InProcessTransport>();
  const started: Hosted[] = [];
  for (const name of plan.services) {
    try {
      const definition = SERVICES.find((service) => service.name === name);
      if (!definition)
        throw new HostingError(`no such service; the services are ${SERVICES.map((s) => s.name).join(', ')}`);
      const module: unknown = await import(pathToFileURL(join(repoRoot, definition.hosted)).href);
      if (!isHostedModule(module))
        throw new HostingError(`${definition.hosted} does not export startHosted(env, options)`);
      const hosted = await module.startHosted(plan.environmentOf(name), { local });
      started.push(hosted);
      local.set(name, createInProcessTransport(hosted.service.rpcServices, hosted.service.logger));
    } catch (error) {
      await stopInReverse(started).catch((stopError: Error) =>
        process.stderr.write(`${MONOLITH_NAME}: ${stopError.message}\n`),
      );
      throw new ServiceStartError(name, error);
    }
  }
  const [first] = started;
  if (!first) throw new Error('no service was started');
  const logger = createLogger({
    service: MONOLITH_NAME,
    level: first.config.LOG_LEVEL,
    pretty: first.config.LOG_PRETTY,
  });
  logger.info({ services: started.map((hosted) => hosted.service.name) }, 'hosting in one process');
  return {
    service: { logger, stop: () => stopInReverse(started) },
    config: { SHUTDOWN_TIMEOUT_MS: Math.max(...started.map((hosted) => hosted.config.SHUTDOWN_TIMEOUT_MS)) },
  };
}

/**
 * Last started, first stopped: a service stops while those it may call are still up. Every
 * one is stopped even when another's stop fails; the failures are reported together.
 */
async function stopInReverse(started: readonly Hosted[]): Promise<void> {
  const failures: string[] = [];
  for (const hosted of [...started].reverse()) {
    try {
      await hosted.service.stop();
    } catch (error) {
      failures.push(`${hosted.service.name}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`could not stop cleanly: ${failures.join('; ')}`);
}

let started: StartedProcess;
try {
  started = await startMonolith(process.env);
} catch (error) {
  process.stderr.write(`${MONOLITH_NAME}: ${(error as Error).message}\n`);
  process.exit(1);
}
await runServiceProcess(async () => started);
