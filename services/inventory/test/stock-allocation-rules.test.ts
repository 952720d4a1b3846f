import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReservationLines, sameLines } from '../src/domain/reservation-lines.ts';
import {
  canMove,
  commitDecision,
  isDue,
  releaseDecision,
  reserveAgainDecision,
} from '../src/domain/reservation-status.ts';
import { allocateLines, describeShortages } from '../src/domain/stock-allocation.ts';
import { decodeStockCursor, encodeStockCursor } from '../src/domain/stock-cursor.ts';
import { lowStockCrossings, type StockLevel, stockStatus } from '../src/domain/stock-levels.ts';

const level = (sku: string, warehouse: string, onHand: number, reserved = 0): StockLevel => ({
  sku,
  warehouse,
  onHand,
  reserved,
});

describe('allocating lines across warehouses', () => {
  const levels = [
    level('LAMP-1', 'ams', 3),
    level('LAMP-1', 'fra', 7, 2),
    level('LAMP-1', 'lyo', 5),
    level('CHAIR-1', 'ams', 1),
    level('CHAIR-1', 'fra', 0),
  ];

  it('takes a line from the warehouse with the most available when it can fill it alone', () => {
    assert.deepEqual(allocateLines([{ sku: 'LAMP-1', quantity: 5 }], levels), {
      allocated: true,
      allocations: [{ sku: 'LAMP-1', warehouse: 'fra', quantity: 5 }],
    });
  });

  it('splits a line over warehouses, most available first, code breaking ties', () => {
    // fra and lyo both have 5 available (fra holds 2 of its 7 reserved): fra first by code.
    const outcome = allocateLines([{ sku: 'LAMP-1', quantity: 12 }], levels);
    assert.deepEqual(outcome, {
      allocated: true,
      allocations: [
        { sku: 'LAMP-1', warehouse: 'fra', quantity: 5 },
        { sku: 'LAMP-1', warehouse: 'lyo', quantity: 5 },
        { sku: 'LAMP-1', warehouse: 'ams', quantity: 2 },
      ],
    });
    assert.deepEqual(allocateLines([{ sku: 'LAMP-1', quantity: 12 }], [...levels].reverse()), outcome);
  });

  it('reports every short line with what is available, and allocates nothing', () => {
    const outcome = allocateLines(
      [
        { sku: 'CHAIR-1', quantity: 2 },
        { sku: 'LAMP-1', quantity: 13 },
        { sku: 'LAMP-1-NONE', quantity: 1 },
      ],
      levels,
    );
    // LAMP-1 can be filled (13 available), but CHAIR-1 and LAMP-1-NONE cannot: all or nothing.
    assert.deepEqual(outcome, {
      allocated: false,
      shortages: [
        { sku: 'CHAIR-1', available: 1, requested: 2 },
        { sku: 'LAMP-1-NONE', available: 0, requested: 1 },
      ],
    });
    assert.equal(
      describeShortages(outcome.allocated ? [] : outcome.shortages),
      'CHAIR-1: 1 available, 2 asked; LAMP-1-NONE: 0 available, 1 asked',
    );
  });

  it('fills exactly what is available, and never from a warehouse with nothing available', () => {
    const outcome = allocateLines(
      [{ sku: 'LAMP-1', quantity: 13 }],
      [...levels, level('LAMP-1', 'xyz', 4, 4)],
    );
    assert.ok(outcome.allocated);
    assert.equal(
      outcome.allocations.reduce((sum, allocation) => sum + allocation.quantity, 0),
      13,
    );
    assert.ok(!outcome.allocations.some((allocation) => allocation.warehouse === 'xyz'));
  });
});

describe('reservation lines', () => {
  it('puts lines in SKU order, so the same lines in another order are the same request', () => {
    const a = checkReservationLines([
      { sku: 'B-SKU', quantity: 1 },
      { sku: 'A-SKU', quantity: 2 },
    ]);
    const b = checkReservationLines([
      { sku: 'A-SKU', quantity: 2 },
      { sku: 'B-SKU', quantity: 1 },
    ]);
    assert.ok(a.valid && b.valid);
    assert.deepEqual(
      a.lines.map((line) => line.sku),
      ['A-SKU', 'B-SKU'],
    );
    assert.ok(sameLines(a.lines, b.lines));
    assert.ok(!sameLines(a.lines, [{ sku: 'A-SKU', quantity: 2 }]));
    assert.ok(
      !sameLines(a.lines, [
        { sku: 'A-SKU', quantity: 3 },
        { sku: 'B-SKU', quantity: 1 },
      ]),
    );
  });

  it('refuses no lines, bad SKUs, quantities out of range and repeated SKUs, naming the field', () => {
    const problems = [
      [[], /^lines: give at least one line/],
      [[{ sku: 'a-sku', quantity: 1 }], /^lines\[0\]\.sku: "a-sku" is not a SKU/],
      [[{ sku: 'A-SKU', quantity: 0 }], /^lines\[0\]\.quantity: must be 1 to 10000, got 0/],
      [[{ sku: 'A-SKU', quantity: -3 }], /^lines\[0\]\.quantity: .* got -3/],
      [[{ sku: 'A-SKU', quantity: 10_001 }], /^lines\[0\]\.quantity/],
      [
        [
          { sku: 'A-SKU', quantity: 1 },
          { sku: 'A-SKU', quantity: 2 },
        ],
        /^lines\[1\]\.sku: A-SKU is already in lines\[0\]/,
      ],
      [
        Array.from({ length: 101 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })),
        /at most 100 lines/,
      ],
    ] as const;
    for (const [lines, expected] of problems) {
      const check = checkReservationLines(lines);
      assert.ok(!check.valid, JSON.stringify(lines).slice(0, 80));
      assert.match(check.problem, expected);
    }
  });
});

describe('reservation states', () => {
  it('allows only reserved to end, once, in one of three ways', () => {
    assert.ok(
      canMove('reserved', 'committed') && canMove('reserved', 'released') && canMove('reserved', 'expired'),
    );
    for (const ended of ['released', 'committed', 'expired'] as const) {
      for (const to of ['reserved', 'released', 'committed', 'expired'] as const) {
        assert.ok(!canMove(ended, to), `${ended} -> ${to}`);
      }
    }
  });

  it('decides Release, Commit and a repeated Reserve as the proto says', () => {
    assert.equal(releaseDecision('reserved'), 'release');
    assert.equal(releaseDecision('released'), 'nothing-to-do');
    assert.equal(releaseDecision('expired'), 'nothing-to-do');
    assert.equal(releaseDecision('committed'), 'refuse-committed');
    assert.equal(commitDecision('reserved'), 'commit');
    assert.equal(commitDecision('committed'), 'nothing-to-do');
    assert.equal(commitDecision('released'), 'refuse-ended');
    assert.equal(commitDecision('expired'), 'refuse-ended');
    // A repeated Reserve answers a reservation that holds or took the stock, not one that let it go.
    assert.equal(reserveAgainDecision('reserved'), 'answer');
    assert.equal(reserveAgainDecision('committed'), 'answer');
    assert.equal(reserveAgainDecision('released'), 'refuse-ended');
    assert.equal(reserveAgainDecision('expired'), 'refuse-ended');
  });

  it('counts a reserved reservation as due from its expiry on', () => {
    const expiresAt = new Date('2030-01-01T00:00:10Z');
    assert.ok(!isDue({ status: 'reserved', expiresAt }, new Date('2030-01-01T00:00:09.999Z')));
    assert.ok(isDue({ status: 'reserved', expiresAt }, expiresAt));
    assert.ok(!isDue({ status: 'committed', expiresAt }, new Date('2031-01-01T00:00:00Z')));
  });
});

describe('low stock', () => {
  const before = [level('LAMP-1', 'ams', 4), level('LAMP-1', 'fra', 4, 1), level('SOFA-1', 'ams', 2)];

  it('is announced when availability over all warehouses crosses to the threshold or below', () => {
    // LAMP-1: 7 available over two warehouses; taking 2 in fra leaves 5, the threshold.
    assert.deepEqual(
      lowStockCrossings(before, [{ sku: 'LAMP-1', warehouse: 'fra', onHand: 0, reserved: 2 }], 5),
      [{ sku: 'LAMP-1', available: 5 }],
    );
    assert.deepEqual(
      lowStockCrossings(before, [{ sku: 'LAMP-1', warehouse: 'fra', onHand: 0, reserved: 1 }], 5),
      [],
    );
  });

  it('is not announced again while a SKU stays low, nor by a commit (availability unchanged)', () => {
    assert.deepEqual(
      lowStockCrossings(before, [{ sku: 'SOFA-1', warehouse: 'ams', onHand: 0, reserved: 1 }], 5),
      [],
    );
    assert.deepEqual(
      lowStockCrossings(before, [{ sku: 'LAMP-1', warehouse: 'fra', onHand: -1, reserved: -1 }], 7),
      [],
    );
  });

  it('tells shoppers in stock, low or out', () => {
    assert.equal(stockStatus(6, 5), 'in_stock');
    assert.equal(stockStatus(5, 5), 'low_stock');
    assert.equal(stockStatus(1, 5), 'low_stock');
    assert.equal(stockStatus(0, 5), 'out_of_stock');
    assert.equal(stockStatus(1, 0), 'in_stock');
  });
});

describe('stock listing cursors', () => {
  it('round-trip, and anything else is not a cursor', () => {
    const cursor = { afterSku: 'ELEC-HEAD-0001', filters: 'low:ELEC' };
    assert.deepEqual(decodeStockCursor(encodeStockCursor(cursor)), cursor);
    for (const junk of [
      '',
      'not-base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeStockCursor({ afterSku: 'lower', filters: 'all:' }),
    ]) {
      assert.equal(decodeStockCursor(junk), undefined, junk);
    }
  });
});
