/**
 * `emporium check`'s judgement, on facts as the services report them: a healthy platform
 * passes, and each kind of broken invariant is named with the order, SKU or group at fault.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventFactsOf } from '../src/check/gather-facts.ts';
import { checkInvariants, type PlatformFacts } from '../src/check/platform-invariants.ts';

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const NOW = new Date('2026-11-25T12:00:00Z');

function healthy(): PlatformFacts {
  return {
    now: NOW,
    orders: [
      {
        id: 'o-paid',
        status: 'confirmed',
        currency: 'EUR',
        total: EUR(5000),
        captured: EUR(5000),
        refunded: null,
        checkoutSagaId: 's1',
      },
      {
        id: 'o-gone',
        status: 'cancelled',
        currency: 'EUR',
        total: EUR(2000),
        captured: null,
        refunded: null,
        checkoutSagaId: 's2',
      },
      {
        id: 'o-back',
        status: 'refunded',
        currency: 'EUR',
        total: EUR(3000),
        captured: EUR(3000),
        refunded: EUR(3000),
        checkoutSagaId: 's3',
      },
      {
        id: 'o-live',
        status: 'pending',
        currency: 'EUR',
        total: null,
        captured: null,
        refunded: null,
        checkoutSagaId: 's4',
      },
    ],
    sagas: new Map([
      ['s4', { id: 's4', status: 'running', deadlineAt: '2026-11-25T12:01:00Z', failure: null }],
    ]),
    stock: [
      {
        sku: 'A-1',
        onHand: 8,
        reserved: 1,
        received: 10,
        counted: 0,
        committed: 2,
        heldByReservations: 1,
        committedByReservations: 2,
      },
    ],
    heldReservations: ['o-live'],
    payments: [
      { id: 'p1', orderId: 'o-paid', status: 'CAPTURED', captured: EUR(5000), refunded: EUR(0) },
      { id: 'p2', orderId: 'o-gone', status: 'VOIDED', captured: EUR(0), refunded: EUR(0) },
      { id: 'p3', orderId: 'o-back', status: 'REFUNDED', captured: EUR(3000), refunded: EUR(3000) },
    ],
    capturedTwice: [],
    events: [
      {
        instance: 'orders',
        outboxPending: 0,
        oldestPendingSeconds: 0,
        groups: [{ group: 'orders.shipments', deadLetters: 0, backlog: 0 }],
      },
    ],
  };
}

const violationsOf = (facts: PlatformFacts) =>
  checkInvariants(facts).flatMap((result) =>
    result.violations.map((violation) => `${result.name}: ${violation}`),
  );

describe('the platform invariants', () => {
  it('hold on a healthy platform, an order in a live checkout included', () => {
    assert.deepEqual(violationsOf(healthy()), []);
  });

  it('name an order stuck in checkout: saga ended, past its deadline, or unknown', () => {
    for (const [saga, expected] of [
      [
        { id: 's4', status: 'compensated', deadlineAt: '2026-11-25T12:01:00Z', failure: 'declined' },
        /ended compensated \(declined\)/,
      ],
      [
        { id: 's4', status: 'running', deadlineAt: '2026-11-25T11:59:00Z', failure: null },
        /past its deadline/,
      ],
      [undefined, /is unknown/],
    ] as const) {
      const facts = healthy();
      facts.sagas = saga ? new Map([['s4', saga]]) : new Map();
      const [violation, ...others] = violationsOf(facts);
      assert.match(violation ?? '', expected);
      assert.match(violation ?? '', /o-live/);
      assert.deepEqual(others, []);
    }
  });

  it('name a SKU whose stock does not add up', () => {
    const facts = healthy();
    facts.stock = [{ ...(facts.stock[0] as PlatformFacts['stock'][0]), onHand: 9, reserved: 2 }];
    const found = violationsOf(facts);
    assert.equal(found.length, 2);
    assert.match(found[0] ?? '', /A-1: received 10 \+ counted 0 ≠ on hand 9 \+ committed 2/);
    assert.match(found[1] ?? '', /A-1: reserved 2 but reservations hold 1/);
  });

  it('name money that does not match: an unpaid confirmed order, a charged cancelled one, a payment for no order', () => {
    const facts = healthy();
    facts.payments = [
      { id: 'p1', orderId: 'o-paid', status: 'AUTHORIZED', captured: EUR(0), refunded: EUR(0) },
      { id: 'p2', orderId: 'o-gone', status: 'CAPTURED', captured: EUR(2000), refunded: EUR(0) },
      { id: 'p3', orderId: 'o-back', status: 'REFUNDED', captured: EUR(3000), refunded: EUR(3000) },
      { id: 'p9', orderId: 'o-ghost', status: 'CAPTURED', captured: EUR(100), refunded: EUR(0) },
    ];
    const found = violationsOf(facts);
    assert.deepEqual(
      found.map((violation) => /o-[a-z]+/.exec(violation)?.[0]),
      ['o-paid', 'o-gone', 'o-ghost'],
    );
  });

  it('name a payment captured twice and an order with two captured payments', () => {
    const facts = healthy();
    facts.capturedTwice = ['p1'];
    facts.payments.push({
      id: 'p4',
      orderId: 'o-paid',
      status: 'CAPTURED',
      captured: EUR(0),
      refunded: EUR(0),
    });
    facts.payments.push({
      id: 'p5',
      orderId: 'o-back',
      status: 'CAPTURED',
      captured: EUR(10),
      refunded: EUR(10),
    });
    const found = violationsOf(facts).filter((violation) =>
      violation.startsWith('no payment is captured twice'),
    );
    assert.deepEqual(found, [
      'no payment is captured twice: payment p1 has more than one capture',
      'no payment is captured twice: order o-back has 2 captured payments',
    ]);
  });

  it('name a reservation left for a cancelled order', () => {
    const facts = healthy();
    facts.heldReservations.push('o-gone');
    assert.deepEqual(violationsOf(facts), [
      'no reservation is left for a cancelled order: order o-gone is cancelled but its reservation still holds stock',
    ]);
  });

  it('name undelivered events (transient) and dead letters (not)', () => {
    const facts = healthy();
    facts.events = [
      {
        instance: 'orders',
        outboxPending: 3,
        oldestPendingSeconds: 2,
        groups: [{ group: 'g', deadLetters: 0, backlog: 4 }],
      },
    ];
    const [events] = checkInvariants(facts).filter((result) => result.violations.length > 0);
    assert.equal(events?.violations.length, 2);
    assert.equal(events?.transient, true);
    facts.events = [
      {
        instance: 'orders',
        outboxPending: 0,
        oldestPendingSeconds: 0,
        groups: [{ group: 'g', deadLetters: 1, backlog: 0 }],
      },
    ];
    const [dead] = checkInvariants(facts).filter((result) => result.violations.length > 0);
    assert.match(dead?.violations[0] ?? '', /group g has 1 dead letters/);
    assert.equal(dead?.transient, false);
  });

  it('read the messaging gauges out of /metrics', () => {
    const text = [
      '# HELP emporium_outbox_pending_events Events in the outbox',
      'emporium_outbox_pending_events{service="orders",instance="x"} 2',
      'emporium_outbox_oldest_pending_seconds{service="orders",instance="x"} 1.5',
      'emporium_consumer_dead_letters{group="orders.shipments",service="orders",instance="x"} 1',
      'emporium_consumer_backlog{group="orders.shipments",service="orders",instance="x"} 7',
      'process_cpu_seconds_total 3',
    ].join('\n');
    assert.deepEqual(eventFactsOf('orders', text), {
      instance: 'orders',
      outboxPending: 2,
      oldestPendingSeconds: 1.5,
      groups: [{ group: 'orders.shipments', deadLetters: 1, backlog: 7 }],
    });
    assert.equal(eventFactsOf('web', 'process_cpu_seconds_total 3'), undefined, 'no bus, no facts');
  });
});
