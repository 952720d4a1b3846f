import { formatTable } from '../format-table.ts';
import type { GatewayPlan } from '../gateway-process.ts';
import type { ServiceInstance } from '../instance-plan.ts';
import type { ServiceRunContext } from '../services.ts';
import type { Palette } from '../supervisor/prefixed-output.ts';
import type { Topology } from './up-options.ts';

export interface SummaryInstance {
  instance: ServiceInstance;
  pid: number | undefined;
  ready: boolean;
}

export interface UpSummaryInputs {
  /** The API gateway in front of the services, when `up` started it. */
  gateway?: { plan: GatewayPlan; pid: number | undefined; ready: boolean };
  topology: Topology;
  instances: readonly SummaryInstance[];
  run: ServiceRunContext;
  postgres: string | undefined;
  /** Where events travel and instances register (see planPlatform). */
  eventBus: string;
  registry: string;
  home: string;
  readyInMs: number;
  colors: Palette;
}

/** The block printed once startup is over: what runs where, how to log in, how to stop. */
export function formatUpSummary(inputs: UpSummaryInputs): string {
  const { colors } = inputs;
  const table = formatTable(
    ['service', 'url', 'grpc', 'pid', 'ready'],
    inputs.instances.map(({ instance, pid, ready }) => [
      instance.label,
      instance.url,
      instance.rpcUrl,
      String(pid ?? '-'),
      ready ? colors.green('yes') : colors.red('no'),
    ]),
    '  ',
  );
  const { gateway } = inputs;
  const gatewayRows = gateway
    ? formatTable(
        ['gateway', 'http', 'https', 'pid', 'ready'],
        [
          [
            'gateway',
            gateway.plan.url,
            gateway.plan.tlsUrl,
            String(gateway.pid ?? '-'),
            gateway.ready ? colors.green('yes') : colors.red('no'),
          ],
        ],
        '  ',
      )
    : undefined;
  // Per service, not per replica: replicas share everything these lines describe.
  const firsts = inputs.instances.filter(({ instance }) => instance.index === 0);
  const details: Array<[string, string]> = [];
  if (gateway) {
    details.push(['API', `${gateway.plan.url}/api (and ${gateway.plan.tlsUrl}/api)`]);
    details.push([
      'API docs',
      `${gateway.plan.url}/docs, combined OpenAPI at ${gateway.plan.url}/api/openapi.json`,
    ]);
    details.push(['TLS CA', `${gateway.plan.caPath} (curl --cacert it)`]);
  }
  for (const { instance } of firsts) details.push(...instance.service.definition.summary(inputs.run));
  firsts.forEach(({ instance }, index) => {
    details.push([index === 0 ? 'OpenAPI' : '', `${instance.url}/openapi.json`]);
  });
  if (inputs.topology === 'monolith') {
    details.push(['topology', 'monolith: every service in one process, calling each other in memory']);
  }
  if (inputs.postgres) details.push(['PostgreSQL', inputs.postgres]);
  details.push(['event bus', inputs.eventBus]);
  details.push(['registry', inputs.registry]);
  details.push(['home', inputs.home]);
  details.push(['status', 'npm run emporium -- status']);
  details.push(['call', 'npm run emporium -- call <service> <Service/Method> [json]']);
  details.push(['stop', 'Ctrl-C (or SIGTERM to this process)']);
  const width = Math.max(...details.map(([label]) => label.length));
  const lines = details.map(([label, value]) => `  ${colors.dim(label.padEnd(width))}  ${value}`);
  const total = inputs.instances.length;
  const readyCount = inputs.instances.filter((entry) => entry.ready).length;
  const noun = (count: number) =>
    (firsts.length === total ? 'service' : 'instance') + (count === 1 ? '' : 's');
  const headline =
    readyCount === total
      ? colors.green(
          `Emporium is up: ${readyCount} ${noun(readyCount)} ready in ${(inputs.readyInMs / 1000).toFixed(1)} s`,
        )
      : colors.yellow(`Emporium is up, but only ${readyCount} of ${total} ${noun(total)} are ready`);
  const gatewayBlock = gatewayRows ? [gatewayRows, ''] : [];
  return ['', `  ${colors.bold(headline)}`, '', table, '', ...gatewayBlock, ...lines, ''].join('\n');
}
