import { parseArgs } from 'node:util';
import { isProcessAlive } from '@emporium/platform/host';
import pc from 'picocolors';
import { CliError } from '../cli-error.ts';
import { colorEnabled, emporiumPaths } from '../cli-settings.ts';
import type { Command, CommandContext } from '../command.ts';
import { type DependencyAnswer, fetchDependencies, formatDependencies } from '../dependency-snapshot.ts';
import { formatTable } from '../format-table.ts';
import { probeReady } from '../health-probe.ts';
import { type RunState, StateFile } from '../state-file.ts';

const PROBE_TIMEOUT_MS = 2_000;

/** Exit statuses, so scripts can wait on `status`. */
const ALL_READY = 0;
const NOTHING_RUNNING = 1;
const NOT_ALL_READY = 3;

const usage = `Usage: emporium status [--json]

Shows what \`emporium up\` runs from this EMPORIUM_HOME: for each service instance its REST
and gRPC URLs, pid, and whether it answers GET /health/ready (within 2 s); then, from each
instance's GET /health/dependencies, the services it calls: circuit breaker, bulkhead
(calls active and queued), and the instances of each it knows (evicted ones marked).

Options:
  --json      print {"services":[{"name","instance","instanceId","url","rpcUrl","pid","ready",
              "dependencies"}]} and nothing else; dependencies is the instance's snapshot as
              it answered it, or null
  -h, --help  show this help

Exit status: 0 all services ready; 1 nothing running; 3 running, but not all ready.
`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'show what `up` runs: each instance, its readiness and its outbound calls',
  usage,
  run: runStatus,
};

interface ServiceStatus {
  name: string;
  instance: string;
  instanceId: string;
  url: string;
  rpcUrl: string;
  pid: number | null;
  ready: boolean;
  /** Undefined when the process is not running. */
  dependencies: DependencyAnswer | undefined;
}

async function runStatus(context: CommandContext): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...context.argv],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}\n\n${usage}`, 2);
  }
  if (values.help) {
    context.stdout.write(usage);
    return 0;
  }
  const paths = emporiumPaths(context.env, context.repoRoot);
  const state = await new StateFile(paths.stateFile).read();
  const running = state !== undefined && isProcessAlive(state.supervisorPid);
  const services = running ? await Promise.all(state.services.map(checkService)) : [];

  if (values.json) {
    const answers = services.map(({ dependencies, ...service }) => ({
      ...service,
      dependencies: dependencies?.answered ? dependencies.raw : null,
    }));
    context.stdout.write(`${JSON.stringify({ services: answers })}\n`);
  } else if (!running) {
    context.stdout.write(
      state
        ? `Emporium is not running (the supervisor, pid ${state.supervisorPid}, is gone; ${paths.stateFile} is stale).\n`
        : `Emporium is not running from ${paths.home}. Start it with \`npm start\`.\n`,
    );
  } else {
    context.stdout.write(
      describeRun(state, services, colorEnabled(context.env, context.stdout.isTTY === true)),
    );
  }
  if (!running) return NOTHING_RUNNING;
  // No services yet: `up` is still starting PostgreSQL.
  return services.length > 0 && services.every((service) => service.ready) ? ALL_READY : NOT_ALL_READY;
}

async function checkService(service: RunState['services'][number]): Promise<ServiceStatus> {
  const alive = service.pid !== null && isProcessAlive(service.pid);
  const [ready, dependencies] = alive
    ? await Promise.all([
        probeReady(service.url, PROBE_TIMEOUT_MS),
        fetchDependencies(service.url, PROBE_TIMEOUT_MS),
      ])
    : [false, undefined];
  return { ...service, ready, dependencies };
}

function describeRun(state: RunState, services: readonly ServiceStatus[], color: boolean): string {
  const colors = pc.createColors(color);
  const lines = [`Emporium is running: supervisor pid ${state.supervisorPid}, started ${state.startedAt}`];
  if (state.postgres) {
    const { embedded, port, pid } = state.postgres;
    const where = embedded ? `embedded on 127.0.0.1:${port}` : `external, port ${port}`;
    const alive =
      pid === undefined
        ? ''
        : isProcessAlive(pid)
          ? `, pid ${pid}`
          : `, pid ${pid} ${colors.red('not running')}`;
    lines.push(`PostgreSQL: ${where}${alive}`);
  }
  lines.push('');
  if (services.length === 0) return `${lines.join('\n')}Starting: no service has been started yet.\n`;
  lines.push(
    formatTable(
      ['service', 'url', 'grpc', 'pid', 'ready'],
      services.map((service) => [
        service.instance,
        service.url,
        service.rpcUrl || '-',
        String(service.pid ?? '-'),
        service.ready ? colors.green('yes') : colors.red('no'),
      ]),
    ),
  );
  if (state.topology === 'monolith') lines.push('', 'Topology: monolith (every service in one process)');
  lines.push('', 'Outbound calls (GET /health/dependencies):');
  return `${lines.join('\n')}\n${formatDependencies(
    services.map((service) => ({ instance: service.instance, dependencies: service.dependencies })),
    colors,
  )}`;
}
