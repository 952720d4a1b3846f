import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@connectrpc/connect';
import { type BatchGetUsersResponse, UserService } from '@emporium/contracts/proto/identity/v1/user_service';
import {
  createDiscoveryClient,
  createStaticRegistry,
  type DiscoveryClient,
} from '@emporium/platform/discovery';
import { createResilience } from '@emporium/platform/resilience';
import { Code, ConnectError, isRetryable, isTargetFailure, RpcClients } from '@emporium/platform/rpc';
import { type IdentityUnderTest, registerCustomer, startIdentity } from './support/start-identity.ts';

async function failureOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  assert.fail('the call succeeded');
}

async function collect<T>(messages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const message of messages) all.push(message);
  return all;
}

/** identity's UserService as another service calls it: through platform/rpc, found by name. */
describe('identity UserService', () => {
  let identity: IdentityUnderTest;
  let discovery: DiscoveryClient;
  let clients: RpcClients;
  let users: Client<typeof UserService>;
  before(async () => {
    identity = await startIdentity();
    const rpcUrl = identity.service.rpcUrl;
    assert.ok(rpcUrl, 'identity serves RPCs, so it opens its gRPC port');
    discovery = createDiscoveryClient(createStaticRegistry({ identity: [{ rpcUrl }] }));
    clients = new RpcClients({
      discovery,
      resilience: createResilience({ isFailure: isTargetFailure, isRetryable }),
    });
    users = clients.client(UserService, 'identity');
  });
  after(async () => {
    await clients.close();
    await discovery.close();
    await identity.close();
  });

  it('GetUser answers who a user is, NOT_FOUND for an unknown id, INVALID_ARGUMENT for a malformed one', async () => {
    const session = await registerCustomer(identity.api, { name: 'Grace Hopper' });
    const { user } = await users.getUser({ id: session.user.id });
    assert.equal(user?.email, session.user.email);
    assert.equal(user?.name, 'Grace Hopper');
    assert.deepEqual(user?.roles, ['customer']);
    assert.equal(user?.createTime?.seconds, BigInt(Math.floor(Date.parse(session.user.createdAt) / 1000)));

    const unknown = randomUUID();
    const missing = await failureOf(users.getUser({ id: unknown }));
    assert.equal(missing.code, Code.NotFound);
    assert.match(missing.message, new RegExp(`identity UserService/GetUser: no user has id ${unknown}`));
    const malformed = await failureOf(users.getUser({ id: 'not-a-uuid' }));
    assert.equal(malformed.code, Code.InvalidArgument);
  });

  it('BatchGetUsers streams one answer per id in the order asked, unknown ids marked not found', async () => {
    const registered = await Promise.all(
      [1, 2, 3].map((n) => registerCustomer(identity.api, { name: `Batch ${n}` })),
    );
    const unknown = randomUUID();
    const ids = [registered[2], registered[0], undefined, registered[1]].map(
      (session) => session?.user.id ?? unknown,
    );
    // 250 more ids: more than one database chunk, so the stream is assembled as it goes.
    const many = [
      ...ids,
      ...Array.from({ length: 250 }, (_, index) => registered[index % 3]?.user.id ?? unknown),
    ];
    const answers: BatchGetUsersResponse[] = [];
    for await (const answer of users.batchGetUsers({ ids: many })) answers.push(answer);
    assert.equal(answers.length, many.length);
    assert.deepEqual(
      answers.slice(0, 4).map((answer) => [answer.id, answer.found, answer.user?.name]),
      [
        [ids[0], true, 'Batch 3'],
        [ids[1], true, 'Batch 1'],
        [unknown, false, undefined],
        [ids[3], true, 'Batch 2'],
      ],
    );
    assert.ok(answers.every((answer, index) => answer.id === many[index]));
    // The stream held its instance until its last message, and gave it back.
    assert.deepEqual(
      discovery.snapshot().flatMap((target) => target.instances.map((instance) => instance.pending)),
      [0],
    );
  });

  it('BatchGetUsers refuses more than 1000 ids, or a malformed one, before sending anything', async () => {
    const tooMany = Array.from({ length: 1001 }, () => randomUUID());
    const refused = await failureOf(collect(users.batchGetUsers({ ids: tooMany })));
    assert.equal(refused.code, Code.InvalidArgument);
    assert.match(refused.message, /at most 1000/);
    const malformed = await failureOf(collect(users.batchGetUsers({ ids: [randomUUID(), 'x'] })));
    assert.equal(malformed.code, Code.InvalidArgument);
  });
});
