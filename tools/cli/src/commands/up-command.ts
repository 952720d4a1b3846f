import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';
import { readUpSettings, type ServiceSettings, type UpSettings } from '../cli-settings.ts';
import type { Command, CommandContext } from '../command.ts';
import { assertPortsFree, type PortClaim } from '../infrastructure/assert-ports-free.ts';
import { PLATFORM_DATABASE, planEventBus } from '../infrastructure/event-bus-plan.ts';
import {
  describePostgres,
  externalPostgres,
  type PostgresServer,
  startEmbeddedPostgres,
  stopOrphanedPostmaster,
} from '../infrastructure/postgres-server.ts';
import { provisionServiceDatabases } from '../infrastructure/provision-service-databases.ts';
import { SecretFiles } from '../infrastructure/secrets.ts';
import { serviceProcessSpec } from '../service-process-spec.ts';
import { SERVICES, type ServiceRunContext, variablePrefix } from '../services.ts';
import { type RunState, StateFile } from '../state-file.ts';
import { POSTGRES_SOURCE, PrefixedOutput } from '../supervisor/prefixed-output.ts';
import { reclaimStaleRun } from '../supervisor/reclaim-stale-run.ts';
import { StopRequest } from '../supervisor/stop-request.ts';
import type { SupervisedProcess } from '../supervisor/supervised-process.ts';
import { Supervisor, seconds } from '../supervisor/supervisor.ts';
import { waitUntilReady } from '../supervisor/wait-until-ready.ts';
import { parseUpOptions, selectServices, upUsage } from './up-options.ts';
import { formatUpSummary } from './up-summary.ts';

/** How long every service gets to answer /health/ready before the summary says which did not. */
const READY_TIMEOUT_MS = 120_000;
/** How long each service gets to drain after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 15_000;
const SUPERUSER_PASSWORD = 'postgres-superuser-password';

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
  const selected = selectServices(settings.services, options.only);
  for (const service of selected) {
    if (!existsSync(join(context.repoRoot, service.definition.entry))) {
      throw new CliError(
        'SERVICE_MISSING',
        `${service.definition.name}: ${service.definition.entry} does not exist; ` +
          `start the others with --only ${settings.services
            .filter((other) => other !== service)
            .map((other) => other.definition.name)
            .join(',')}`,
      );
    }
  }

  const output = new PrefixedOutput({
    services: selected.map((service) => service.definition.name),
    color: settings.color,
    stdout: context.stdout,
    stderr: context.stderr,
  });
  const stateFile = new StateFile(settings.paths.stateFile);
  const state: RunState = {
    supervisorPid: process.pid,
    startedAt: new Date(began).toISOString(),
    postgres: null,
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
  const running: Array<{ service: ServiceSettings; process: SupervisedProcess }> = [];
  const supervisor = new Supervisor({
    output,
    onPidChange: () => {
      state.services = running.map(({ service, process: child }) => ({
        name: service.definition.name,
        url: service.url,
        pid: child.pid ?? null,
      }));
      stateFile
        .write(state)
        .catch((error: Error) => output.error(`could not write the state file: ${error.message}`));
    },
  });
  stop.onForce(() => supervisor.killAll());
  let postgres: PostgresServer | undefined;
  let exitCode = 0;
  try {
    output.note(`home ${settings.paths.home}`);
    // What a supervisor killed with SIGKILL may have left: before the port checks, as it holds ports.
    if (claim.stale) await reclaimStaleRun(claim.stale, SERVICES, (line) => output.warn(line));
    await stopOrphanedPostmaster(settings.paths.postgresDataDir, (line) => output.warn(line));
    const provisioned = selected.filter((service) => service.givenDatabaseUrl === undefined);
    const bus = planEventBus(settings);
    // Each gets a database and a login role of the same name: the services', and the bus's.
    const databases = [
      ...provisioned.map((service) => service.definition.name),
      ...(bus.provisionPlatform ? [PLATFORM_DATABASE] : []),
    ];
    const embedded = databases.length > 0 && settings.postgresUrl === undefined;

    const secrets = new SecretFiles(settings.paths.secretsDir);
    const { values, created } = await secrets.ensure([
      ...(embedded ? [SUPERUSER_PASSWORD] : []),
      ...databases.map((name) => `${name}-database-password`),
      ...selected.flatMap((service) =>
        service.definition.secrets.map((secret) => `${service.definition.name}-${secret}`),
      ),
    ]);
    if (created.length > 0) output.note(`generated secrets in ${secrets.dir}: ${created.join(', ')}`);

    await assertPortsFree(settings.host, portClaims(settings, selected, embedded));

    if (databases.length > 0) {
      postgres = settings.postgresUrl
        ? externalPostgres(settings.postgresUrl)
        : await startEmbeddedPostgres({
            dataDir: settings.paths.postgresDataDir,
            home: settings.paths.home,
            port: settings.postgresPort,
            superuserPassword: values.get(SUPERUSER_PASSWORD) ?? '',
            onProgress: (line) => output.line(POSTGRES_SOURCE, line),
            onServerLog: (line) => output.line(POSTGRES_SOURCE, line, 'stderr'),
          });
      state.postgres = {
        embedded: postgres.embedded,
        port: postgres.port,
        ...(postgres.pid === undefined ? {} : { pid: postgres.pid }),
      };
      await stateFile.write(state);
      output.line(POSTGRES_SOURCE, `using ${describePostgres(postgres)}`);
      if (stop.requested) return 0;
    }

    const databaseUrls = postgres
      ? await provisionServiceDatabases(
          postgres.adminUrl,
          databases.map((name) => ({
            service: name,
            password: values.get(`${name}-database-password`) ?? '',
          })),
          secrets.dir,
        )
      : new Map<string, string>();
    if (databases.length > 0) {
      const names = databases.map((name) =>
        name === PLATFORM_DATABASE ? `${name} for the event bus` : name,
      );
      output.note(`databases ready: ${names.join(', ')} (one database and login role each)`);
    }
    if (stop.requested) return 0;
    const eventBus = bus.environment(databaseUrls.get(PLATFORM_DATABASE));

    const run: ServiceRunContext = {
      urlOf: (name) => urlOf(settings, name),
      secretFile: (service, secret) => secrets.path(`${service}-${secret}`),
      secretsDir: secrets.dir,
      env: context.env,
    };
    warnAboutMissingDependencies(selected, output);
    for (const service of selected) {
      const spec = serviceProcessSpec({
        service,
        host: settings.host,
        databaseUrl: service.givenDatabaseUrl ?? databaseUrls.get(service.definition.name) ?? '',
        eventBus,
        run,
        parentEnv: context.env,
        repoRoot: context.repoRoot,
        prettyLogs: settings.prettyLogs,
        color: settings.color,
      });
      // Listed before it starts, so the state file written on its first pid already names it.
      const entry = { service, process: supervisor.create(spec) };
      running.push(entry);
      entry.process.start();
      output.note(`started ${service.definition.name} on ${service.url} (pid ${entry.process.pid ?? '?'})`);
    }

    const notReady = await waitUntilReady(
      running.map(({ service, process: child }) => ({
        name: service.definition.name,
        url: service.url,
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
    output.block(
      formatUpSummary({
        services: running.map(({ service, process: child }) => ({
          definition: service.definition,
          url: service.url,
          pid: child.pid,
          ready: !notReady.some((target) => target.name === service.definition.name),
        })),
        run,
        postgres: postgres && describePostgres(postgres),
        eventBus: bus.description,
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
    if (running.length > 0) {
      output.note(
        `stopping ${running.map(({ service }) => service.definition.name).join(', ')} ` +
          `(SIGTERM, up to ${seconds(STOP_GRACE_MS)} each)`,
      );
    }
    await supervisor.stopAll(STOP_GRACE_MS);
    if (postgres?.embedded) {
      await postgres.stop();
      output.line(POSTGRES_SOURCE, 'stopped');
    }
    await stateFile.remove();
    stop.dispose();
    if (running.length > 0 || postgres?.embedded) {
      const took = stopStarted === undefined ? '' : ` in ${seconds(Date.now() - stopStarted)}`;
      output.note(exitCode === 0 ? `stopped cleanly${took}` : `stopped${took}`);
    }
  }
  return exitCode;
}

function urlOf(settings: UpSettings, name: string): string {
  const service = settings.services.find((candidate) => candidate.definition.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service.url;
}

function portClaims(
  settings: UpSettings,
  selected: readonly ServiceSettings[],
  embedded: boolean,
): PortClaim[] {
  return [
    ...(embedded
      ? [{ port: settings.postgresPort, owner: 'embedded PostgreSQL', variable: 'EMPORIUM_POSTGRES_PORT' }]
      : []),
    ...selected.map((service) => ({
      port: service.port,
      owner: service.definition.name,
      variable: `${variablePrefix(service.definition.name)}_PORT`,
    })),
  ];
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
