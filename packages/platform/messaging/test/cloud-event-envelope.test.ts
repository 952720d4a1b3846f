import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserRegistered } from '@emporium/contracts';
import { context, propagation, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { registerTypeboxFormats } from '../../config/index.ts';
import { CloudEventEnvelope, contextOfType, createCloudEvent, defaultRetryDelayMs } from '../index.ts';

registerTypeboxFormats();
const envelope = TypeCompiler.Compile(CloudEventEnvelope);
const data = {
  userId: '3f1c2b8e-8d1a-4c3e-9f7a-2b6d5e4c3a21',
  email: 'ada@example.com',
  name: 'Ada',
  registeredAt: '2026-11-25T10:00:00.000Z',
};

describe('CloudEvents envelopes', () => {
  it('wraps data with a fresh id, the type, subject, source and time', () => {
    const now = new Date('2026-11-25T10:00:01.000Z');
    const event = createCloudEvent('identity', UserRegistered, { subject: data.userId, data }, now);
    assert.ok(envelope.Check(event), [...envelope.Errors(event)].map((error) => error.message).join());
    assert.equal(event.type, 'emporium.identity.user.registered.v1');
    assert.equal(event.source, 'identity');
    assert.equal(event.time, '2026-11-25T10:00:01.000Z');
    assert.equal(event.subject, data.userId);
    assert.equal(event.traceparent, undefined, 'no active trace, no traceparent');
    const second = createCloudEvent('identity', UserRegistered, { subject: data.userId, data }, now);
    assert.notEqual(second.id, event.id);
  });

  it('carries the active trace context as the traceparent extension', () => {
    // What the tracing SDK installs in a service: a context manager and the W3C propagator.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    const active = trace.setSpanContext(context.active(), spanContext);
    const event = context.with(active, () =>
      createCloudEvent('identity', UserRegistered, { subject: data.userId, data }),
    );
    assert.equal(event.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    propagation.disable();
    context.disable();
  });

  it('names the context of an event type, and refuses a foreign one', () => {
    assert.equal(contextOfType('emporium.catalog.product.created.v1'), 'catalog');
    assert.throws(() => contextOfType('com.example.thing.v1'), /not an emporium event type/);
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
      for (let sample = 0; sample < 20; sample++) {
        const delay = defaultRetryDelayMs(attempt);
        assert.ok(
          delay >= base / 2 && delay <= base,
          `attempt ${attempt}: ${delay} within [${base / 2}, ${base}]`,
        );
      }
    }
  });
});
