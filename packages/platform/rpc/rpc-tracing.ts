import type { Interceptor } from '@connectrpc/connect';
import { ConnectError } from '@connectrpc/connect';
import {
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';

const tracer = trace.getTracer('@emporium/platform/rpc');

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};
const headerSetter: TextMapSetter<Headers> = {
  set: (headers, key, value) => headers.set(key, value),
};

function spanAttributes(service: string, method: string) {
  return { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
}

function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const connectError = ConnectError.from(error);
    span.setAttribute('rpc.grpc.status_code', connectError.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: connectError.rawMessage });
  } else {
    span.setAttribute('rpc.grpc.status_code', 0);
  }
  span.end();
}

/** A span per call, continuing the trace of the caller's `traceparent` header. */
export const serverTracing: Interceptor = (next) => async (request) => {
  const parent: Context = propagation.extract(context.active(), request.header, headerGetter);
  const span = tracer.startSpan(
    `${request.service.typeName}/${request.method.name}`,
    { kind: SpanKind.SERVER, attributes: spanAttributes(request.service.typeName, request.method.name) },
    parent,
  );
  try {
    const response = await context.with(trace.setSpan(parent, span), () => next(request));
    endSpan(span);
    return response;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
};

/** A client span per call, whose context rides in the request's `traceparent` header. */
export const clientTracing: Interceptor = (next) => async (request) => {
  const span = tracer.startSpan(`${request.service.typeName}/${request.method.name}`, {
    kind: SpanKind.CLIENT,
    attributes: spanAttributes(request.service.typeName, request.method.name),
  });
  const active = trace.setSpan(context.active(), span);
  propagation.inject(active, request.header, headerSetter);
  try {
    const response = await context.with(active, () => next(request));
    endSpan(span);
    return response;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
};
