import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import type { Logger } from '../log/index.ts';
import { requestTimeoutMs, runInboundCall } from './call-context.ts';
import { serverTracing } from './rpc-tracing.ts';

/** Makes the caller's deadline and cancellation those of every call the handler makes. */
const inboundCallContext: Interceptor = (next) => (request) => {
  const timeoutMs = requestTimeoutMs(request.header);
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  return runInboundCall({ deadline, signal: request.signal }, () => next(request));
};

/**
 * A handler's unexpected failure is logged with its stack and answered INTERNAL with no
 * detail: a caller learns that it failed, never how the service is built. A ConnectError is
 * a deliberate answer and passes as it is.
 */
function hideUnexpectedErrors(logger: Logger): Interceptor {
  return (next) => async (request) => {
    try {
      return await next(request);
    } catch (error) {
      if (error instanceof ConnectError) throw error;
      if ((error as { code?: unknown }).code === 'IDEMPOTENCY_KEY_REUSED') {
        throw new ConnectError((error as Error).message, Code.AlreadyExists);
      }
      logger.error(
        { err: error, rpc: `${request.service.typeName}/${request.method.name}` },
        'rpc handler failed',
      );
      throw new ConnectError('internal error', Code.Internal);
    }
  };
}

/** Outermost first: tracing sees the final outcome, including hidden errors. */
export function serverInterceptors(logger: Logger): Interceptor[] {
  return [serverTracing, hideUnexpectedErrors(logger), inboundCallContext];
}
