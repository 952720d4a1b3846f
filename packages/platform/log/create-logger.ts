import { hostname } from 'node:os';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level: string;
  /** Human-readable output, for a terminal (set by `emporium up` when it runs in one). */
  pretty: boolean;
  instance?: string | undefined;
}

/**
 * One JSON line per event by default, so logs can be shipped as they are. Every line
 * carries the active trace and span ids, which joins logs to traces.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { service: options.service, instance: options.instance ?? `${hostname()}:${process.pid}` };
  const mixin = () => {
    const span = trace.getActiveSpan()?.spanContext();
    return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
  };
  if (options.pretty) {
    const stream = pretty({ sync: true, ignore: 'pid,hostname,service,instance', singleLine: true });
    return pino({ level: options.level, base, mixin }, stream);
  }
  return pino({ level: options.level, base, mixin });
}
