import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

const REQUEST_TIMEOUT_MS = 10_000;

/** What a service answered: its status and JSON body (a problem document when it refused). */
export interface AdminResponse {
  status: number;
  body: unknown;
}

export interface AdminClient {
  /** Calls a service's admin route with the admin's token; undefined when the service does not answer. */
  call(serviceUrl: string, method: 'GET' | 'POST', path: string): Promise<AdminResponse | undefined>;
}

/**
 * Logs in to identity as the first admin (`up` generated the password into the secrets
 * directory) and returns a client that sends the access token to any service.
 */
export async function loginAsAdmin(options: {
  identityUrl: string;
  email: string;
  passwordFile: string;
}): Promise<AdminClient> {
  let password: string;
  try {
    password = (await readFile(options.passwordFile, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new CliError(
      'LOGIN_FAILED',
      `cannot read the admin password from ${options.passwordFile}: is EMPORIUM_HOME the one \`up\` runs from?`,
    );
  }
  let response: Response;
  try {
    response = await fetch(`${options.identityUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: options.email, password }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CliError(
      'IDENTITY_UNAVAILABLE',
      `identity does not answer at ${options.identityUrl} (${(error as Error).message}); check \`emporium status\``,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  const accessToken = isRecord(body) && typeof body.accessToken === 'string' ? body.accessToken : undefined;
  if (!response.ok || !accessToken) {
    throw new CliError(
      'LOGIN_FAILED',
      `identity refused the admin login for ${options.email} (${response.status}${problemSuffix(body)}); ` +
        'ADMIN_EMAIL must be the one `up` was started with',
    );
  }
  return {
    async call(serviceUrl, method, path) {
      try {
        const answer = await fetch(`${serviceUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${accessToken}` },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        return { status: answer.status, body: await answer.json().catch(() => undefined) };
      } catch {
        return undefined;
      }
    },
  };
}

/** `: CODE detail` of a problem document, for an error message; empty for anything else. */
export function problemSuffix(body: unknown): string {
  if (!isRecord(body) || typeof body.code !== 'string') return '';
  return `: ${body.code}${typeof body.detail === 'string' ? ` ${body.detail}` : ''}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
