import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (e.g. http://localhost:4318); without it spans are made but not exported. */
  otlpEndpoint?: string | undefined;
}

/**
 * Starts the OpenTelemetry SDK: spans for inbound and outbound HTTP, fetch and PostgreSQL,
 * W3C trace context propagated. It must run before the instrumented modules load, which is
 * why services start through `--import @emporium/platform/tracing/register`.
 */
let active: NodeSDK | undefined;

export function startTracing(options: TracingOptions): NodeSDK {
  // Traces only: without this the SDK also starts an OTLP metrics exporter aimed at
  // localhost:4318, whose failed flush delays every shutdown by seconds.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const exporter = options.otlpEndpoint
    ? new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` })
    : undefined;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: exporter ? [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })] : [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => request.url?.startsWith('/health/') ?? false,
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  active = sdk;
  return sdk;
}

/** Flushes spans still batched and stops the SDK; a no-op when tracing was not started. */
export async function stopTracing(): Promise<void> {
  const sdk = active;
  active = undefined;
  await sdk?.shutdown();
}
