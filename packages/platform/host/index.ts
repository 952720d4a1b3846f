export { commandLineOf, isProcessAlive, signalIfAlive, waitForExit } from './process-liveness.ts';
export { runServiceProcess } from './run-service-process.ts';
export type { ModuleContext, ServiceModule } from './service-module.ts';
export { type HostConfig, type RunningService, startService } from './start-service.ts';
