export type { HostConfig } from './host-config.ts';
export { commandLineOf, isProcessAlive, signalIfAlive, waitForExit } from './process-liveness.ts';
export { runServiceProcess, type StartedProcess } from './run-service-process.ts';
export type { ModuleContext, ModuleRpc, ServiceModule } from './service-module.ts';
export { type RunningService, type StartServiceOptions, startService } from './start-service.ts';
