/**
 * Loaded with `node --import` before a service's own code, so that instrumentation is in
 * place before `http` and `pg` are first imported. Reads the standard OTel variables.
 */
import { register } from 'node:module';
import { startTracing } from './start-tracing.ts';

// import-in-the-middle's loader hook lets instrumentations patch ES modules too.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

startTracing({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'emporium',
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
});
