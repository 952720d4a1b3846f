import { readFile } from 'node:fs/promises';
import { isProcessAlive } from '@emporium/platform/host';
import { CliError } from '../cli-error.ts';
import type { EmporiumPaths, Environment } from '../cli-settings.ts';
import { type RegistryLocation, StateFile } from '../state-file.ts';

/** The variables the chassis's connectRegistry reads, as a service would have them. */
export interface RegistrySettings {
  DISCOVERY?: 'auto' | 'postgres' | 'nats' | 'static' | 'none';
  NATS_URL?: string;
  REGISTRY_DATABASE_URL?: string;
  STATIC_SERVICES?: string;
}

export interface ChosenRegistry {
  settings: RegistrySettings;
  /** Where it came from, for error messages. */
  source: string;
}

const HOW_TO_POINT =
  'Start Emporium (`npm start`), or point `call` at a registry: ' +
  'REGISTRY_DATABASE_URL=postgres://platform:<password>@<host>:<port>/platform (the password is in ' +
  '$EMPORIUM_HOME/secrets/platform-database-password), or NATS_URL=nats://<host>:4222.';

/**
 * The registry a service started from this environment would use (NATS_URL, then
 * REGISTRY_DATABASE_URL, or what DISCOVERY names); failing those, the one of the `up` running
 * from EMPORIUM_HOME, as its state file records it, with the password from its secrets.
 */
export async function chooseRegistry(env: Environment, paths: EmporiumPaths): Promise<ChosenRegistry> {
  const given: RegistrySettings = {
    ...(isDiscovery(env.DISCOVERY) ? { DISCOVERY: env.DISCOVERY } : {}),
    ...(env.NATS_URL ? { NATS_URL: env.NATS_URL } : {}),
    ...(env.REGISTRY_DATABASE_URL ? { REGISTRY_DATABASE_URL: env.REGISTRY_DATABASE_URL } : {}),
    ...(env.STATIC_SERVICES ? { STATIC_SERVICES: env.STATIC_SERVICES } : {}),
  };
  if (given.NATS_URL || given.REGISTRY_DATABASE_URL || given.DISCOVERY === 'static') {
    return { settings: given, source: 'this environment (NATS_URL, REGISTRY_DATABASE_URL, DISCOVERY)' };
  }
  const state = await new StateFile(paths.stateFile).read();
  if (!state || !isProcessAlive(state.supervisorPid)) {
    throw new CliError(
      'REGISTRY_UNKNOWN',
      `no service registry to ask: Emporium is not running from ${paths.home}, and neither NATS_URL nor ` +
        `REGISTRY_DATABASE_URL is set.\n${HOW_TO_POINT}`,
    );
  }
  if (!state.registry) {
    throw new CliError(
      'REGISTRY_UNKNOWN',
      `the \`up\` running from ${paths.home} (pid ${state.supervisorPid}) has not recorded its registry yet ` +
        `(still starting?).\n${HOW_TO_POINT}`,
    );
  }
  return {
    settings: await fromRunState(state.registry, env),
    source: `the running \`up\` (${state.registry.address})`,
  };
}

async function fromRunState(location: RegistryLocation, env: Environment): Promise<RegistrySettings> {
  const { kind, address, passwordFile, variable } = location;
  if (passwordFile !== undefined) {
    let password: string;
    try {
      password = (await readFile(passwordFile, 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new CliError(
        'REGISTRY_UNKNOWN',
        `cannot read the registry's password from ${passwordFile}.\n${HOW_TO_POINT}`,
      );
    }
    const url = new URL(address);
    url.password = encodeURIComponent(password);
    return { DISCOVERY: kind, ...urlSetting(kind, url.toString()) };
  }
  // `up` was given the address, password and all, in a variable; this environment may have it too.
  const url = variable === undefined ? undefined : env[variable];
  if (url === undefined || url === '') {
    const alternative = kind === 'nats' ? 'NATS_URL' : 'REGISTRY_DATABASE_URL';
    throw new CliError(
      'REGISTRY_UNKNOWN',
      `the running \`up\` uses the ${kind} registry at ${address}${variable ? ` (from ${variable})` : ''}; ` +
        `set ${variable ?? alternative} here too, as \`up\` had it${variable && variable !== alternative ? ` (or ${alternative})` : ''}.`,
    );
  }
  return { DISCOVERY: kind, ...urlSetting(kind, url) };
}

function urlSetting(kind: RegistryLocation['kind'], url: string): RegistrySettings {
  return kind === 'nats' ? { NATS_URL: url } : { REGISTRY_DATABASE_URL: url };
}

function isDiscovery(value: string | undefined): value is NonNullable<RegistrySettings['DISCOVERY']> {
  return (
    value === 'auto' || value === 'postgres' || value === 'nats' || value === 'static' || value === 'none'
  );
}
