import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPostgresRegistry } from '@emporium/platform/discovery';
import { waitFor } from '@emporium/platform/testing';
import { seedCatalogue } from '../../src/store/seed/seed-catalogue.ts';
import {
  type CallOutcome,
  type CatalogCaller,
  type CatalogFleet,
  type CatalogProcess,
  connectCaller,
  type PickRecord,
  settleWithin,
  startCatalogFleet,
} from './catalog-fleet.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const TTL_MS = 2_000;
const HEARTBEAT_MS = Math.round(TTL_MS / 3);
const LOOPS = 8;
/** Per attempt; three attempts and their backoff fit well within the watchdog. */
const TIMEOUT_MS = 2_000;
const WATCHDOG_MS = 3 * TIMEOUT_MS + 2_000;
/** How long to wait for what takes a second on an idle machine and far longer on a loaded one. */
const PATIENCE_MS = 30_000;
const SKU = seedCatalogue().products[0]?.sku ?? 'MISSING';

/** LOOPS callers, each calling again as soon as its last call ended, until stopped. */
function startCallStream(caller: CatalogCaller) {
  const outcomes: CallOutcome[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const outcome = await settleWithin(WATCHDOG_MS, async () => {
        const response = await caller.products.getProducts({ skus: [SKU] });
        assert.deepEqual(
          response.products.map((product) => product.sku),
          [SKU],
        );
      });
      outcomes.push(outcome);
    }
  };
  const loops = Promise.all(Array.from({ length: LOOPS }, loop));
  return {
    outcomes,
    answered: () => outcomes.filter((outcome) => outcome.ok).length,
    async stop() {
      running = false;
      await loops;
    },
  };
}

describe('three catalog instances, one killed with SIGKILL in the middle of a stream of calls', () => {
  let fleet: CatalogFleet;
  let caller: CatalogCaller;
  let victim: CatalogProcess;
  let outcomes: CallOutcome[] = [];
  /** Calls holding a lease on the victim when it was killed. */
  let inFlightAtKill = 0;
  let killedAt = 0;

  const failures = () => outcomes.filter((outcome) => !outcome.ok);
  const victimPicks = () => caller.picks.filter((pick) => pick.instanceId === victim.id);
  /** When an attempt on the dead instance first failed: the caller cannot know of the death sooner. */
  const noticedAt = () =>
    Math.min(
      ...victimPicks().flatMap((pick) =>
        pick.outcome === undefined || pick.outcome === 'answered' ? [] : [pick.releasedAt ?? Infinity],
      ),
    );
  const answeredBy = (id: string, until = Number.POSITIVE_INFINITY) =>
    caller.picks.filter(
      (pick) => pick.instanceId === id && pick.outcome === 'answered' && (pick.releasedAt ?? 0) < until,
    ).length;
  const relative = (pick: PickRecord) => [
    pick.pickedAt - killedAt,
    (pick.releasedAt ?? 0) - killedAt,
    pick.outcome,
  ];
  const report = () =>
    `${failures().length} of ${outcomes.length} calls failed; ${inFlightAtKill} were in flight on ${victim.id} at the kill\n` +
    `failures (ms after the kill): ${JSON.stringify(failures().map((f) => ({ ...f, startedAt: f.startedAt - killedAt })))}\n` +
    `picks of ${victim.id} [picked, released, outcome]: ${JSON.stringify(victimPicks().slice(-12).map(relative))}\n` +
    `the processes wrote:\n${fleet.output()}`;

  before(async () => {
    fleet = await startCatalogFleet({ size: 3, ttlMs: TTL_MS });
    const registry = createPostgresRegistry({ url: fleet.registryUrl, settings: { ttlMs: TTL_MS } });
    // The breaker has its own test; here it must not trip on a loaded machine's slow calls.
    caller = connectCaller(registry, {
      policy: { timeoutMs: TIMEOUT_MS, breaker: { consecutiveFailures: 10_000, halfOpenAfterMs: 1_000 } },
    });
    const ids = fleet.instances.map((instance) => instance.id).sort();
    await waitFor(
      'every instance to be registered',
      async () => {
        const listed = (await registry.list('catalog')).map((instance) => instance.id).sort();
        return JSON.stringify(listed) === JSON.stringify(ids);
      },
      { timeoutMs: PATIENCE_MS },
    );
    victim = fleet.instances[1] as CatalogProcess;

    const stream = startCallStream(caller);
    outcomes = stream.outcomes;
    const victimState = () =>
      caller.discovery
        .snapshot()
        .find(({ service }) => service === 'catalog')
        ?.instances.find(({ id }) => id === victim.id);
    try {
      // Round robin: once every instance has answered a few calls, the load is spread.
      await waitFor(
        'every instance to answer calls',
        () => fleet.instances.every((instance) => answeredBy(instance.id) >= 5),
        { timeoutMs: PATIENCE_MS },
      );
      inFlightAtKill = victimState()?.pending ?? 0;
      killedAt = Date.now();
      victim.signal('SIGKILL');
      await victim.exited;
      await waitFor(
        'the dead instance to be evicted or gone from discovery',
        () => {
          const state = victimState();
          return state === undefined || state.evicted;
        },
        { timeoutMs: PATIENCE_MS },
      );
      // A while longer, so the survivors show they carry the whole load.
      const answeredAtEviction = stream.answered();
      await waitFor('50 more answers', () => stream.answered() >= answeredAtEviction + 50, {
        timeoutMs: PATIENCE_MS,
      });
    } finally {
      await stream.stop();
    }
  });
  after(async () => {
    await caller?.close();
    await fleet?.stop();
  });

  it('spread the calls over all three instances before the kill', () => {
    for (const instance of fleet.instances) {
      assert.ok(
        answeredBy(instance.id, killedAt) >= 5,
        `${instance.id} answered before the kill\n${report()}`,
      );
    }
  });

  it('never lets a call hang, and fails only calls the caller had sent to the dead instance', () => {
    assert.deepEqual(
      outcomes.filter((outcome) => !outcome.ok && (outcome.hung || outcome.code === undefined)),
      [],
      `every call ends, with an answer or a ConnectError\n${report()}`,
    );
    // The caller learns of the death only when its event loop reads the closed socket, so
    // calls sent in between were in flight on the dead instance as much as those before it.
    const sentToTheDead = victimPicks().filter(
      (pick) =>
        pick.pickedAt < noticedAt() &&
        (pick.releasedAt ?? Infinity) >= killedAt &&
        pick.outcome !== 'answered',
    ).length;
    assert.ok(
      failures().length <= sentToTheDead,
      `only calls in flight on ${victim.id} may fail\n${report()}`,
    );
    const failedLater = failures().filter((outcome) => outcome.startedAt >= noticedAt());
    assert.deepEqual(failedLater, [], `a call begun once the death was known is answered\n${report()}`);
    for (const survivor of fleet.instances.filter((instance) => instance !== victim)) {
      assert.ok(
        answeredBy(survivor.id) > answeredBy(survivor.id, killedAt),
        `${survivor.id} answered after the kill`,
      );
    }
  });

  it('never picks the dead instance once an attempt on it has evicted it', () => {
    const evictedAt = Math.min(
      ...victimPicks().flatMap((pick) => (pick.outcome === 'evicted' ? [pick.releasedAt ?? Infinity] : [])),
    );
    assert.ok(Number.isFinite(evictedAt), `a failed connection to ${victim.id} evicted it\n${report()}`);
    const pickedLater = victimPicks().filter((pick) => pick.pickedAt > evictedAt);
    assert.deepEqual(
      pickedLater.map(relative),
      [],
      `${victim.id} is not picked after its eviction\n${report()}`,
    );
  });

  it('drops the dead instance from the registry after its TTL, and from discovery after that', async () => {
    // Nothing announces a crash: the row lives out its TTL, and the watch's poll then sees it gone.
    const listed = async () => (await caller.registry.list('catalog')).map((instance) => instance.id).sort();
    await waitFor(`the registry to drop ${victim.id}`, async () => !(await listed()).includes(victim.id), {
      timeoutMs: TTL_MS + 3 * HEARTBEAT_MS,
    });
    const survivors = fleet.instances
      .filter((instance) => instance !== victim)
      .map((instance) => instance.id);
    assert.deepEqual(await listed(), survivors.sort(), 'the survivors keep heartbeating');
    await waitFor(`discovery to forget ${victim.id}`, () =>
      caller.discovery.snapshot().every(({ instances }) => instances.every(({ id }) => id !== victim.id)),
    );
  });

  // GetProducts is NO_SIDE_EFFECTS, so a call cut off by its instance's death may run again
  // elsewhere, as gRPC does with UNAVAILABLE ("transport is closing"). Today it fails: see the
  // assertion message.
  it('retries a call cut off by the crash on another instance, so no call fails at all', () => {
    assert.deepEqual(
      failures(),
      [],
      'a connection lost mid-call reaches the policies as CANCELED or ABORTED (connect-node maps RST_STREAM CANCEL ' +
        'and ECONNRESET so), which rpc-errors.ts neither retries (isRetryable) nor evicts on (isInstanceFailure), ' +
        `though isInstanceFailure's own comment lists "reset, closed mid-call"\n${report()}`,
    );
  });

  it('left no promise rejection unhandled', () => {
    assert.deepEqual(unhandled, []);
  });
});
