import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, it } from 'node:test';
import type { ServiceModule } from '@emporium/platform/host';
import { startTestService, type TestDatabase, waitFor } from '@emporium/platform/testing';
import { sql } from 'kysely';

/** A module with one slow route, released by the test, that uses the database after the wait. */
function slowModule(gate: Promise<void>, entered: () => void): ServiceModule<Record<string, never>> {
  return {
    name: 'drain',
    version: '0.0.0',
    description: 'graceful shutdown fixture',
    migrations: {},
    async mount({ app, database }) {
      app.get('/slow', async () => {
        entered();
        await gate;
        const { rows } = await sql<{ done: boolean }>`select true as done`.execute(database.db);
        return rows[0];
      });
    },
  };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

let dropDatabase: TestDatabase['drop'] | undefined;
after(() => dropDatabase?.());

it('finishes in-flight requests, with their database work, before it stops; then refuses new ones', async () => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let inFlight = 0;
  const service = await startTestService(
    slowModule(gate, () => {
      inFlight++;
    }),
  );
  dropDatabase = service.testDatabase.drop;

  const slow = get(`${service.url}/slow`);
  await waitFor('the slow request to be in its handler', () => inFlight === 1);

  const stopped = service.stop();
  // While draining, the listener is closed: a new connection is refused.
  await waitFor('the listener to close', async () => {
    try {
      await get(`${service.url}/health/live`);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    }
  });

  release();
  const answered = await slow;
  assert.equal(answered.status, 200);
  assert.deepEqual(JSON.parse(answered.body), { done: true });
  await stopped;
  assert.equal(service.database.pool.totalCount, 0, 'the pool is closed');
});
