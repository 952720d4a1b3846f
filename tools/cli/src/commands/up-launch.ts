import type { ServiceSettings } from '../cli-settings.ts';
import type { ServiceInstance } from '../instance-plan.ts';
import { monolithProcessSpec } from '../monolith/monolith-process-spec.ts';
import type { ProcessInputs, ServiceEnvironmentInputs } from '../service-process-spec.ts';
import { serviceProcessSpec } from '../service-process-spec.ts';
import type { ServiceRunContext } from '../services.ts';
import type { PrefixedOutput } from '../supervisor/prefixed-output.ts';
import type { SupervisedProcess } from '../supervisor/supervised-process.ts';
import type { Supervisor } from '../supervisor/supervisor.ts';
import type { Topology } from './up-options.ts';

/** An instance and the process hosting it; in the monolith, every instance has the same one. */
export interface RunningInstance {
  instance: ServiceInstance;
  process: SupervisedProcess;
}

export interface LaunchInputs {
  topology: Topology;
  instances: readonly ServiceInstance[];
  host: string;
  /** Replicas share their service's. */
  databaseUrlOf(service: ServiceSettings): string;
  /** BUS_DATABASE_URL and REGISTRY_DATABASE_URL, or NATS_URL. */
  platform: Record<string, string>;
  run: ServiceRunContext;
  process: ProcessInputs;
  supervisor: Supervisor;
  output: PrefixedOutput;
  /**
   * Filled before each process starts, so the state file written on its first pid already
   * lists what it hosts.
   */
  running: RunningInstance[];
}

/**
 * Starts the processes of the chosen topology: one per instance (microservices), or one
 * hosting every service (monolith). Each is supervised and restarted on its own.
 */
export function launchInstances(inputs: LaunchInputs): void {
  const { output, running } = inputs;
  const environments = inputs.instances.map(
    (instance): ServiceEnvironmentInputs => ({
      instance,
      host: inputs.host,
      databaseUrl: inputs.databaseUrlOf(instance.service),
      platform: inputs.platform,
      run: inputs.run,
    }),
  );
  if (inputs.topology === 'monolith') {
    const monolith = inputs.supervisor.create(monolithProcessSpec(environments, inputs.process));
    running.push(...inputs.instances.map((instance) => ({ instance, process: monolith })));
    monolith.start();
    output.note(
      `started the monolith (pid ${monolith.pid ?? '?'}) hosting ${inputs.instances
        .map((instance) => `${instance.label} on ${instance.url}, gRPC ${instance.rpcUrl}`)
        .join('; ')}`,
    );
    return;
  }
  for (const environment of environments) {
    const { instance } = environment;
    const entry = {
      instance,
      process: inputs.supervisor.create(serviceProcessSpec(environment, inputs.process)),
    };
    running.push(entry);
    entry.process.start();
    output.note(
      `started ${instance.label} on ${instance.url}, gRPC ${instance.rpcUrl} (pid ${entry.process.pid ?? '?'})`,
    );
  }
}
