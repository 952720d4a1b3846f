import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';
import { readUpSettings, type ServiceSettings, type UpSettings } from '../cli-settings.ts';
import type { Command, CommandContext } from '../command.ts';
import { GATEWAY_NAME, gatewayProcessSpec, planGateway } from '../gateway-process.ts';
import { assertPortsFree } from '../infrastructure/assert-ports-free.ts';
import { PLATFORM_DATABASE } from '../infrastructure/platform-plan.ts';
import {
  describePostgres,
  type PostgresServer,
  stopOrphanedPostmaster,
} from '../infrastructure/postgres-server.ts';
import { planInstances } from '../instance-plan.ts';
import { MONOLITH_ENTRY, MONOLITH_NAME } from '../monolith/monolith-environment.ts';
import { SERVICES, type ServiceRunContext } from '../services.ts';
import { type RunState, StateFile } from '../state-file.ts';
import { POSTGRES_SOURCE, PrefixedOutput } from '../supervisor/prefixed-output.ts';
import { reclaimStaleRun } from '../supervisor/reclaim-stale-run.ts';
import { StopRequest } from '../supervisor/stop-request.ts';
import { Supervisor, seconds } from '../supervisor/supervisor.ts';
import { waitUntilReady } from '../supervisor/wait-until-ready.ts';
import { prepareInfrastructure } from './up-infrastructure.ts';
import { launchInstances, type RunningInstance } from './up-launch.ts';
import { parseUpOptions, selectServices, type Topology, upUsage } from './up-options.ts';
import { formatUpSummary } from './up-summary.ts';

/** How long every service gets to answer /health/ready before the summary says which did not. */
const READY_TIMEOUT_MS = 120_000;
/** How long each process gets to drain after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 15_000;

export const upCommand: Command = {
  name: 'up',
  summary: 'start PostgreSQL and every service, supervise them until Ctrl-C',
  usage: upUsage,
  run: runUp,
};

async function runUp(context: CommandContext): Promise<number> {
  const options = parseUpOptions(context.argv);
  if (options.help) {
    context.stdout.write(upUsage);
    return 0;
  }
  const began = Date.now();
  const settings = readUpSettings(context.env, context.repoRoot, SERVICES, context.stdout.isTTY === true);
  const selected = selectServices(settings.services, options.only, options.scale);
  assertEntriesExist(context.repoRoot, settings, selected, options.topology);
  const instances = planInstances(selected, options.scale, settings.host);

  const output = new PrefixedOutput({
    services: options.topology === 'monolith' ? [MONOLITH_NAME] : instances.map((instance) => instance.label),
    color: settings.color,
    stdout: context.stdout,
    stderr: context.stderr,
  });
  const stateFile = new StateFile(settings.paths.stateFile);
  const state: RunState = {
    supervisorPid: process.pid,
    startedAt: new Date(began).toISOString(),
    topology: options.topology,
    postgres: null,
    registry: null,
    services: [],
  };
  const claim = await stateFile.claim(state);
  if (!claim.claimed) {
    throw new CliError(
      'ALREADY_RUNNING',
      `emporium is already running from ${settings.paths.home} ` +
        `(supervisor pid ${claim.running.supervisorPid}, started ${claim.running.startedAt}).\n` +
        `See \`npm run emporium -- status\`; stop it with Ctrl-C in its terminal or \`kill ${claim.running.supervisorPid}\`.`,
    );
  }

  // A closed terminal must not turn the graceful stop into a crash.
  context.stdout.on('error', () => {});
  context.stderr.on('error', () => {});
  const stop = new StopRequest({
    // Set by npm for the scripts it runs: `npm start`, `npm run emporium`.
    followParent: context.env.npm_lifecycle_event !== undefined,
    announce: (reason, first) =>
      first
        ? output.note(`${reason}: stopping everything (a second Ctrl-C or SIGTERM kills at once)`)
        : output.warn(`${reason} again: killing what is still running`),
  });
  const running: RunningInstance[] = [];
  const writeState = () =>
    stateFile
      .write(state)
      .catch((error: Error) => output.error(`could not write the state file: ${error.message}`));
  const supervisor = new Supervisor({
    output,
    onPidChange: () => {
      state.services = running.map(({ instance, process: child }) => ({
        name: instance.service.definition.name,
        instance: instance.label,
        instanceId: instance.instanceId,
        url: instance.url,
        rpcUrl: instance.rpcUrl,
        pid: child.pid ?? null,
      }));
      void writeState();
    },
  });
  stop.onForce(() => supervisor.killAll());
  // Set from a callback, where TypeScript's narrowing of a plain `let` would not follow it.
  const infrastructureStarted: { postgres?: PostgresServer } = {};
  let exitCode = 0;
  try {
    output.note(`home ${settings.paths.home}`);
    // What a supervisor killed with SIGKILL may have left: before the port checks, as it holds ports.
    if (claim.stale) await reclaimStaleRun(claim.stale, SERVICES, (line) => output.warn(line));
    await stopOrphanedPostmaster(settings.paths.postgresDataDir, (line) => output.warn(line));
    const infrastructure = await prepareInfrastructure({
      settings,
      selected,
      instances,
      output,
      signal: stop.signal,
      onPostgres: async (server) => {
        infrastructureStarted.postgres = server;
        state.postgres = {
          embedded: server.embedded,
          port: server.port,
          ...(server.pid === undefined ? {} : { pid: server.pid }),
        };
        await stateFile.write(state);
        output.line(POSTGRES_SOURCE, `using ${describePostgres(server)}`);
      },
    });
    if (!infrastructure || stop.requested) return 0;
    const { platform, databaseUrls, secrets } = infrastructure;
    const platformUrl = databaseUrls.get(PLATFORM_DATABASE);
    state.registry = platform.registryLocation(
      platformUrl,
      secrets.path(`${PLATFORM_DATABASE}-database-password`),
    );
    await writeState();

    const run: ServiceRunContext = {
      urlOf: (name) => urlOf(settings, name),
      secretFile: (service, secret) => secrets.path(`${service}-${secret}`),
      secretsDir: secrets.dir,
      env: context.env,
    };
    warnAboutMissingDependencies(selected, output);
    // Planned (and its ports checked) before any service starts, so a busy 8080 stops nothing.
    const gateway = await planGateway(context.env, settings.host, secrets.dir);
    await assertPortsFree(settings.host, [
      { port: gateway.port, owner: GATEWAY_NAME, variable: 'GATEWAY_PORT' },
      { port: gateway.tlsPort, owner: `${GATEWAY_NAME} (HTTPS)`, variable: 'GATEWAY_TLS_PORT' },
    ]);
    const processInputs = {
      parentEnv: context.env,
      repoRoot: context.repoRoot,
      prettyLogs: settings.prettyLogs,
      color: settings.color,
    };
    launchInstances({
      topology: options.topology,
      instances,
      host: settings.host,
      databaseUrlOf: (service) => service.givenDatabaseUrl ?? databaseUrls.get(service.definition.name) ?? '',
      platform: platform.environment(platformUrl),
      run,
      process: processInputs,
      supervisor,
      output,
      running,
    });

    const notReady = await waitUntilReady(
      running.map(({ instance, process: child }) => ({
        name: instance.label,
        url: instance.url,
        describe: () => child.describe(),
      })),
      {
        timeoutMs: READY_TIMEOUT_MS,
        signal: stop.signal,
        onReady: (target, elapsed) =>
          output.note(output.colors.green(`${target.name} is ready (${seconds(elapsed)})`)),
        onStillWaiting: (waiting, elapsed) =>
          output.note(
            `${seconds(elapsed)}: still waiting for ${waiting.map((target) => `${target.name} (${target.describe()})`).join(', ')}`,
          ),
      },
    );
    if (stop.requested) return 0;
    if (notReady.length > 0) {
      output.warn(
        `not ready after ${seconds(READY_TIMEOUT_MS)}: ${notReady.map((target) => target.name).join(', ')}; ` +
          'still supervising them (their own lines above say why)',
      );
    }
    // Last: it routes to the services it finds in the registry.
    const gatewayProcess = supervisor.create(
      gatewayProcessSpec({
        plan: gateway,
        host: settings.host,
        platform: platform.environment(platformUrl),
        run,
        process: processInputs,
      }),
    );
    gatewayProcess.start();
    output.note(
      `started the gateway on ${gateway.url} and ${gateway.tlsUrl} (pid ${gatewayProcess.pid ?? '?'})`,
    );
    const gatewayNotReady = await waitUntilReady(
      [{ name: GATEWAY_NAME, url: gateway.url, describe: () => gatewayProcess.describe() }],
      {
        timeoutMs: READY_TIMEOUT_MS,
        signal: stop.signal,
        onReady: (target, elapsed) =>
          output.note(output.colors.green(`${target.name} is ready (${seconds(elapsed)})`)),
        onStillWaiting: (_waiting, elapsed) =>
          output.note(`${seconds(elapsed)}: still waiting for the gateway (${gatewayProcess.describe()})`),
      },
    );
    if (stop.requested) return 0;
    output.block(
      formatUpSummary({
        gateway: { plan: gateway, pid: gatewayProcess.pid, ready: gatewayNotReady.length === 0 },
        topology: options.topology,
        instances: running.map(({ instance, process: child }) => ({
          instance,
          pid: child.pid,
          ready: !notReady.some((target) => target.name === instance.label),
        })),
        run,
        postgres: infrastructureStarted.postgres && describePostgres(infrastructureStarted.postgres),
        eventBus: platform.eventBus,
        registry: platform.registry,
        home: settings.paths.home,
        readyInMs: Date.now() - began,
        colors: output.colors,
      }),
    );
    await stop.wait();
  } catch (error) {
    output.error(error instanceof CliError ? error.message : ((error as Error).stack ?? String(error)));
    exitCode = 1;
  } finally {
    const stopStarted = stop.requested ? stop.requestedAt : undefined;
    const processes = [...new Set(running.map((entry) => entry.process))];
    if (processes.length > 0) {
      output.note(
        `stopping ${processes.map((child) => child.name).join(', ')} ` +
          `(SIGTERM, up to ${seconds(STOP_GRACE_MS)} each)`,
      );
    }
    await supervisor.stopAll(STOP_GRACE_MS);
    const server = infrastructureStarted.postgres;
    if (server?.embedded) {
      await server.stop();
      output.line(POSTGRES_SOURCE, 'stopped');
    }
    await stateFile.remove();
    stop.dispose();
    if (processes.length > 0 || server?.embedded) {
      const took = stopStarted === undefined ? '' : ` in ${seconds(Date.now() - stopStarted)}`;
      output.note(exitCode === 0 ? `stopped cleanly${took}` : `stopped${took}`);
    }
  }
  return exitCode;
}

/** Fails before anything starts when a process's entry file is missing, saying how to go on without it. */
function assertEntriesExist(
  repoRoot: string,
  settings: UpSettings,
  selected: readonly ServiceSettings[],
  topology: Topology,
): void {
  if (topology === 'monolith' && !existsSync(join(repoRoot, MONOLITH_ENTRY))) {
    throw new CliError('SERVICE_MISSING', `${MONOLITH_ENTRY} does not exist; leave out --topology monolith`);
  }
  for (const service of selected) {
    const file = topology === 'monolith' ? service.definition.hosted : service.definition.entry;
    if (!existsSync(join(repoRoot, file))) {
      throw new CliError(
        'SERVICE_MISSING',
        `${service.definition.name}: ${file} does not exist; ` +
          `start the others with --only ${settings.services
            .filter((other) => other !== service)
            .map((other) => other.definition.name)
            .join(',')}`,
      );
    }
  }
}

function urlOf(settings: UpSettings, name: string): string {
  const service = settings.services.find((candidate) => candidate.definition.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service.url;
}

function warnAboutMissingDependencies(selected: readonly ServiceSettings[], output: PrefixedOutput): void {
  const names = selected.map((service) => service.definition.name);
  for (const service of selected) {
    const missing = service.definition.uses.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      output.warn(
        `${service.definition.name} calls ${missing.join(', ')}, which this run does not start; ` +
          'it will use the default URL, where nothing may answer',
      );
    }
  }
}
