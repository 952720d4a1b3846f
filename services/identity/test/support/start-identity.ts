import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyOf, jsonClient, startTestService, type TestService } from '@emporium/platform/testing';
import type { IdentitySettings } from '../../src/config.ts';
import { createIdentityModule, type IdentityDatabase, type IdentityModuleOptions } from '../../src/module.ts';

export type Api = ReturnType<typeof jsonClient>;

export interface IdentityUnderTest {
  service: TestService<IdentityDatabase>;
  api: Api;
  /** The signing key file, in a temporary folder of its own. */
  keysPath: string;
  /** Stops the service, drops its database and removes the key folder. */
  close(): Promise<void>;
}

/** The identity module on a random port, with its own database and its own key file. */
export async function startIdentity(
  settings: Partial<IdentitySettings> = {},
  options: IdentityModuleOptions = {},
): Promise<IdentityUnderTest> {
  const folder = await mkdtemp(join(tmpdir(), 'identity-test-'));
  const keysPath = settings.SIGNING_KEYS_PATH ?? join(folder, 'secrets', 'identity-signing-keys.json');
  try {
    const service = await startTestService(
      createIdentityModule(
        {
          ACCESS_TOKEN_TTL_SECONDS: 900,
          REFRESH_TOKEN_TTL_DAYS: 30,
          ...settings,
          SIGNING_KEYS_PATH: keysPath,
        },
        options,
      ),
    );
    return {
      service,
      api: jsonClient(service.url),
      keysPath,
      async close() {
        await service.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

export interface UserBody {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

export interface SessionBody {
  user: UserBody;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const GOOD_PASSWORD = 'correct horse 7 battery';

/** A unique email per call, so tests never collide. */
export function uniqueEmail(label = 'shopper'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Registers a new customer and returns its session; fails the test if registration fails. */
export async function registerCustomer(
  api: Api,
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<SessionBody> {
  const response = await api('POST', '/auth/register', {
    email: overrides.email ?? uniqueEmail(),
    password: overrides.password ?? GOOD_PASSWORD,
    name: overrides.name ?? 'Ann Shopper',
  });
  if (response.status !== 201) {
    throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  }
  return bodyOf<SessionBody>(response);
}
