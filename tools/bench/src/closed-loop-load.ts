import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
}

/**
 * Closed-loop load: `connections` callers each send the next request as soon as the last
 * one answered, for `seconds`. Returns completed requests; any non-2xx counts as an error.
 */
export async function closedLoopLoad(
  origin: string,
  request: { method: 'POST' | 'GET'; path: string; body?: string },
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const deadline = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const caller = async () => {
    while (performance.now() < deadline) {
      const response = await pool.request({
        method: request.method,
        path: request.path,
        body: request.body,
        headers: request.body ? { 'content-type': 'application/json' } : {},
      });
      await response.body.dump();
      if (response.statusCode >= 200 && response.statusCode < 300) requests++;
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, caller));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { requests, errors, seconds: elapsed };
}
