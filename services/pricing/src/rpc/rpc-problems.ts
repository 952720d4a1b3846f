import { ProblemError } from '@emporium/platform/http';
import { Code, ConnectError } from '@emporium/platform/rpc';
import { GRPC_CODES } from '../errors.ts';

/**
 * Runs an RPC handler, answering a refusal (a ProblemError) with its gRPC code from
 * errors.ts and its detail as the message. Anything else passes on, for the chassis to
 * log and answer INTERNAL without detail.
 */
export async function answering<T>(handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof ProblemError) {
      const code = GRPC_CODES[error.code] ?? (error.status < 500 ? Code.FailedPrecondition : Code.Internal);
      throw new ConnectError(error.message, code, { 'x-problem-code': error.code }, undefined, error);
    }
    throw error;
  }
}
