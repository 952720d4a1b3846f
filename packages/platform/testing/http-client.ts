import type { ProblemDocument } from '../http/index.ts';

/** Reads a JSON response body as the shape the test expects (tests assert on it next). */
export async function bodyOf<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Reads a problem+json response body. */
export function problemOf(response: Response): Promise<ProblemDocument> {
  return bodyOf<ProblemDocument>(response);
}

/** A fetch for JSON APIs: `api(base)('POST', '/path', body, { token })`. */
export function jsonClient(base: string) {
  return (
    method: string,
    path: string,
    body?: unknown,
    options: { token?: string | undefined; headers?: Record<string, string> } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  };
}
