export { startTracing, stopTracing, type TracingOptions } from './start-tracing.ts';
