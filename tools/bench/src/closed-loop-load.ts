import { Pool } from 'undici';
import { closedLoopCalls } from './closed-loop-calls.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
}

/**
 * Closed-loop HTTP load: `connections` callers each send the next request as soon as the last
 * one answered, for `seconds`. Returns completed requests; any non-2xx counts as an error.
 */
export async function closedLoopLoad(
  origin: string,
  request: { method: 'POST' | 'GET'; path: string; body?: string },
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  try {
    const result = await closedLoopCalls(
      async () => {
        const response = await pool.request({
          method: request.method,
          path: request.path,
          body: request.body,
          headers: request.body ? { 'content-type': 'application/json' } : {},
        });
        await response.body.dump();
        if (response.statusCode < 200 || response.statusCode >= 300) {
          throw new Error(`${request.method} ${request.path} answered ${response.statusCode}`);
        }
      },
      { concurrency: connections, seconds },
    );
    return { requests: result.calls, errors: result.errors, seconds: result.seconds };
  } finally {
    await pool.close();
  }
}
