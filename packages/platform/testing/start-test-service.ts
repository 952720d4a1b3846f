import type { HostConfig, RunningService, ServiceModule } from '../host/index.ts';
import { startService } from '../host/index.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestService<Schema> extends RunningService<Schema> {
  testDatabase: TestDatabase;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

/**
 * Starts a service module on a random port against its own fresh database, as a real
 * HTTP server. Call `close()` in `t.after` / `after`.
 */
export async function startTestService<Schema>(
  module: ServiceModule<Schema>,
  overrides: Partial<HostConfig> = {},
): Promise<TestService<Schema>> {
  const testDatabase = await createTestDatabase(module.name);
  const config: HostConfig = {
    HOST: '127.0.0.1',
    PORT: 0,
    DATABASE_URL: testDatabase.url,
    DATABASE_POOL_MAX: 5,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_PRETTY: false,
    BODY_LIMIT_BYTES: 1_048_576,
    SHUTDOWN_TIMEOUT_MS: 5_000,
    ...overrides,
  };
  try {
    const service = await startService(module, config);
    return {
      ...service,
      testDatabase,
      async close() {
        await service.stop();
        await testDatabase.drop();
      },
    };
  } catch (error) {
    await testDatabase.drop();
    throw error;
  }
}
