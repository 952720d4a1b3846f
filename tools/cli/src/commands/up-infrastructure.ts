import type { ServiceSettings, UpSettings } from '../cli-settings.ts';
import { assertPortsFree, type PortClaim } from '../infrastructure/assert-ports-free.ts';
import { PLATFORM_DATABASE, type PlatformPlan, planPlatform } from '../infrastructure/platform-plan.ts';
import {
  externalPostgres,
  type PostgresServer,
  startEmbeddedPostgres,
} from '../infrastructure/postgres-server.ts';
import { provisionServiceDatabases } from '../infrastructure/provision-service-databases.ts';
import { SecretFiles } from '../infrastructure/secrets.ts';
import type { ServiceInstance } from '../instance-plan.ts';
import { variablePrefix } from '../services.ts';
import { POSTGRES_SOURCE, type PrefixedOutput } from '../supervisor/prefixed-output.ts';

const SUPERUSER_PASSWORD = 'postgres-superuser-password';

export interface InfrastructureInputs {
  settings: UpSettings;
  selected: readonly ServiceSettings[];
  instances: readonly ServiceInstance[];
  output: PrefixedOutput;
  /** Called as soon as a server is in use, so the caller can stop it whatever happens next. */
  onPostgres(server: PostgresServer): Promise<void>;
  /** Aborted when a stop is requested: nothing more is started. */
  signal: AbortSignal;
}

/** What the services need from beneath them. */
export interface Infrastructure {
  platform: PlatformPlan;
  /** URLs of the databases `up` provisioned, by name (a service's, or `platform`). */
  databaseUrls: Map<string, string>;
  secrets: SecretFiles;
}

/**
 * Secrets, a check that every port is free, PostgreSQL, and one database and login role per
 * service, plus `platform` for the event bus and the service registry. Resolves undefined
 * when a stop was requested on the way.
 */
export async function prepareInfrastructure(
  inputs: InfrastructureInputs,
): Promise<Infrastructure | undefined> {
  const { settings, selected, output } = inputs;
  const provisioned = selected.filter((service) => service.givenDatabaseUrl === undefined);
  const platform = planPlatform(settings);
  // Each gets a database and a login role of the same name: the services', and the platform's.
  const databases = [
    ...provisioned.map((service) => service.definition.name),
    ...(platform.provisionPlatform ? [PLATFORM_DATABASE] : []),
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

  await assertPortsFree(settings.host, portClaims(settings, inputs.instances, embedded));
  if (databases.length === 0) return { platform, databaseUrls: new Map(), secrets };

  const postgres = settings.postgresUrl
    ? externalPostgres(settings.postgresUrl)
    : await startEmbeddedPostgres({
        dataDir: settings.paths.postgresDataDir,
        home: settings.paths.home,
        port: settings.postgresPort,
        superuserPassword: values.get(SUPERUSER_PASSWORD) ?? '',
        onProgress: (line) => output.line(POSTGRES_SOURCE, line),
        onServerLog: (line) => output.line(POSTGRES_SOURCE, line, 'stderr'),
      });
  await inputs.onPostgres(postgres);
  if (inputs.signal.aborted) return undefined;

  const databaseUrls = await provisionServiceDatabases(
    postgres.adminUrl,
    databases.map((name) => ({ service: name, password: values.get(`${name}-database-password`) ?? '' })),
    secrets.dir,
  );
  const names = databases.map((name) =>
    name === PLATFORM_DATABASE ? `${name} for the event bus and the service registry` : name,
  );
  output.note(`databases ready: ${names.join(', ')} (one database and login role each)`);
  return inputs.signal.aborted ? undefined : { platform, databaseUrls, secrets };
}

/** Every port this run listens on, each with the variable that moves it. */
function portClaims(
  settings: UpSettings,
  instances: readonly ServiceInstance[],
  embedded: boolean,
): PortClaim[] {
  return [
    ...(embedded
      ? [{ port: settings.postgresPort, owner: 'embedded PostgreSQL', variable: 'EMPORIUM_POSTGRES_PORT' }]
      : []),
    ...instances.flatMap((instance) => {
      const prefix = variablePrefix(instance.service.definition.name);
      // A replica's ports follow from the service's: moving those moves all of them.
      const offset = instance.index === 0 ? '' : ` + ${instance.port - instance.service.port}`;
      return [
        {
          port: instance.port,
          owner: `${instance.label} (REST, ${prefix}_PORT${offset})`,
          variable: `${prefix}_PORT`,
        },
        {
          port: instance.rpcPort,
          owner: `${instance.label} (gRPC, ${prefix}_RPC_PORT${offset})`,
          variable: `${prefix}_RPC_PORT`,
        },
      ];
    }),
  ];
}
