import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { ASYNCAPI_PATH, renderAsyncApi } from '../scripts/write-asyncapi.ts';
import { allEvents } from '../src/events/all-events.ts';

it('docs/asyncapi.json is generated from the current event contracts (run `npm run asyncapi`)', async () => {
  const committed = await readFile(ASYNCAPI_PATH, 'utf8');
  assert.equal(committed, renderAsyncApi());
});

it('documents every event type once, with its data schema inside the CloudEvents envelope', async () => {
  const document = JSON.parse(await readFile(ASYNCAPI_PATH, 'utf8')) as {
    asyncapi: string;
    channels: Record<string, { address: string }>;
    components: { messages: Record<string, { payload: { properties: { data: { required?: string[] } } } }> };
  };
  assert.equal(document.asyncapi, '3.0.0');
  const addresses = Object.values(document.channels).map((channel) => channel.address);
  assert.deepEqual(addresses.sort(), allEvents.map((event) => event.type).sort());
  const registered = document.components.messages.IdentityUserRegisteredV1;
  assert.deepEqual(registered?.payload.properties.data.required, ['userId', 'email', 'name', 'registeredAt']);
});
