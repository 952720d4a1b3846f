import { join } from 'node:path';
import { isProcessAlive } from '@emporium/platform/host';
import { type AdminClient, loginAsAdmin } from './admin-client.ts';
import { CliError } from './cli-error.ts';
import { emporiumPaths } from './cli-settings.ts';
import type { CommandContext } from './command.ts';
import { adminEmailOf } from './services.ts';
import { type ServiceState, StateFile } from './state-file.ts';

export interface RunningPlatform {
  services: ServiceState[];
  admin: AdminClient;
}

/**
 * The platform `emporium up` runs from this EMPORIUM_HOME, with an admin session: what the
 * operator commands (dlq, check, sagas) start from. NOT_RUNNING when nothing runs.
 */
export async function connectAsAdmin(context: CommandContext): Promise<RunningPlatform> {
  const paths = emporiumPaths(context.env, context.repoRoot);
  const state = await new StateFile(paths.stateFile).read();
  if (!state || !isProcessAlive(state.supervisorPid)) {
    throw new CliError(
      'NOT_RUNNING',
      `Emporium is not running from ${paths.home}: nothing to ask. Start it with \`npm start\`.`,
    );
  }
  const identity = state.services.find((service) => service.name === 'identity');
  if (!identity) throw new CliError('IDENTITY_UNAVAILABLE', 'identity is not among the running services');
  const admin = await loginAsAdmin({
    identityUrl: identity.url,
    email: adminEmailOf(context.env),
    passwordFile: join(paths.secretsDir, 'identity-admin-password'),
  });
  return { services: state.services, admin };
}
