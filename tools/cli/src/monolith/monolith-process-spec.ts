import {
  childEnvironment,
  nodeArgs,
  type ProcessInputs,
  type ServiceEnvironmentInputs,
  serviceEnvironment,
  supervisionEnvironment,
} from '../service-process-spec.ts';
import type { ProcessSpec } from '../supervisor/supervised-process.ts';
import { encodeMonolithEnvironment, MONOLITH_ENTRY, MONOLITH_NAME } from './monolith-environment.ts';

/**
 * The monolith topology's one process: `node ... tools/cli/src/monolith/monolith-main.ts`
 * hosting every selected service, each with exactly the variables its own process would get.
 */
export function monolithProcessSpec(
  services: readonly ServiceEnvironmentInputs[],
  inputs: ProcessInputs,
): ProcessSpec {
  const hosted = services.map((service) => ({
    name: service.instance.service.definition.name,
    env: serviceEnvironment(service),
  }));
  const own = {
    ...supervisionEnvironment(inputs),
    // Tracing starts once per process, before any service: its spans carry this name.
    OTEL_SERVICE_NAME: MONOLITH_NAME,
    ...encodeMonolithEnvironment(hosted),
  };
  const decided = new Set([...Object.keys(own), ...hosted.flatMap((service) => Object.keys(service.env))]);
  return {
    name: MONOLITH_NAME,
    command: process.execPath,
    args: nodeArgs(MONOLITH_ENTRY),
    cwd: inputs.repoRoot,
    env: childEnvironment(inputs.parentEnv, own, decided),
  };
}
