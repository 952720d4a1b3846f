import { formatTable } from '../format-table.ts';
import type { ServiceDefinition, ServiceRunContext } from '../services.ts';
import type { Palette } from '../supervisor/prefixed-output.ts';

export interface SummaryService {
  definition: ServiceDefinition;
  url: string;
  pid: number | undefined;
  ready: boolean;
}

export interface UpSummaryInputs {
  services: readonly SummaryService[];
  run: ServiceRunContext;
  postgres: string | undefined;
  /** Where events travel (see planEventBus). */
  eventBus: string;
  home: string;
  readyInMs: number;
  colors: Palette;
}

/** The block printed once startup is over: what runs where, how to log in, how to stop. */
export function formatUpSummary(inputs: UpSummaryInputs): string {
  const { colors } = inputs;
  const table = formatTable(
    ['service', 'url', 'pid', 'ready'],
    inputs.services.map((service) => [
      service.definition.name,
      service.url,
      String(service.pid ?? '-'),
      service.ready ? colors.green('yes') : colors.red('no'),
    ]),
    '  ',
  );
  const details: Array<[string, string]> = [];
  for (const service of inputs.services) details.push(...service.definition.summary(inputs.run));
  inputs.services.forEach((service, index) => {
    details.push([index === 0 ? 'OpenAPI' : '', `${service.url}/openapi.json`]);
  });
  if (inputs.postgres) details.push(['PostgreSQL', inputs.postgres]);
  details.push(['event bus', inputs.eventBus]);
  details.push(['home', inputs.home]);
  details.push(['status', 'npm run emporium -- status']);
  details.push(['stop', 'Ctrl-C (or SIGTERM to this process)']);
  const width = Math.max(...details.map(([label]) => label.length));
  const lines = details.map(([label, value]) => `  ${colors.dim(label.padEnd(width))}  ${value}`);
  const readyCount = inputs.services.filter((service) => service.ready).length;
  const headline =
    readyCount === inputs.services.length
      ? colors.green(
          `Emporium is up: ${readyCount} service${readyCount === 1 ? '' : 's'} ready in ${(inputs.readyInMs / 1000).toFixed(1)} s`,
        )
      : colors.yellow(
          `Emporium is up, but only ${readyCount} of ${inputs.services.length} services are ready`,
        );
  return ['', `  ${colors.bold(headline)}`, '', table, '', ...lines, ''].join('\n');
}
