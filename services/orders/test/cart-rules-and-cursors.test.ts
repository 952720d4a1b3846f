import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addToCart, MAX_CART_LINES, MAX_LINE_QUANTITY, mergeCarts } from '../src/domain/cart-rules.ts';
import { decodeOrderCursor, encodeOrderCursor } from '../src/domain/order-cursor.ts';

const lines = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 }));

describe('cart rules', () => {
  it('adds a new line at the end, or more to an existing one', () => {
    const first = addToCart([], 'LAMP-1', 2);
    assert.deepEqual(first, { ok: true, lines: [{ sku: 'LAMP-1', quantity: 2 }] });
    assert.ok(first.ok);
    const second = addToCart(first.lines, 'MUG-1', 1);
    assert.ok(second.ok);
    assert.deepEqual(addToCart(second.lines, 'LAMP-1', 3), {
      ok: true,
      lines: [
        { sku: 'LAMP-1', quantity: 5 },
        { sku: 'MUG-1', quantity: 1 },
      ],
    });
  });

  it(`refuses a line over ${MAX_LINE_QUANTITY} and a cart over ${MAX_CART_LINES} lines`, () => {
    const full = addToCart([{ sku: 'LAMP-1', quantity: 990 }], 'LAMP-1', 10);
    assert.ok(!full.ok && /at most 999.*has 990/.test(full.problem));
    assert.ok(addToCart([{ sku: 'LAMP-1', quantity: 990 }], 'LAMP-1', 9).ok);
    const wide = addToCart(lines(MAX_CART_LINES), 'ONE-MORE', 1);
    assert.ok(!wide.ok && /at most 100 different products/.test(wide.problem));
    assert.ok(addToCart(lines(MAX_CART_LINES), 'SKU-0', 1).ok, 'more of a line already there still fits');
  });

  it('merges a guest cart: quantities add up (capped), new lines follow', () => {
    const merged = mergeCarts(
      [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 998 },
      ],
      [
        { sku: 'B', quantity: 5 },
        { sku: 'C', quantity: 2 },
      ],
    );
    assert.deepEqual(merged, {
      ok: true,
      lines: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 999 },
        { sku: 'C', quantity: 2 },
      ],
    });
    const tooWide = mergeCarts(
      lines(60),
      lines(100).map((line) => ({ ...line, sku: `G-${line.sku}` })),
    );
    assert.ok(!tooWide.ok && /160 different products/.test(tooWide.problem));
  });
});

describe('order cursors', () => {
  it('round-trip the last order of a page', () => {
    const cursor = {
      placedAt: new Date('2026-03-01T10:00:00.123Z'),
      id: '5b1c0d3e-1111-4222-8333-444455556666',
    };
    assert.deepEqual(decodeOrderCursor(encodeOrderCursor(cursor)), cursor);
  });

  it('refuse text that is not a cursor of this listing', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      '',
      'not-base64-json',
      encode(null),
      encode({ t: '2026-03-01T10:00:00.123Z' }),
      encode({ t: 'yesterday', i: '5b1c0d3e-1111-4222-8333-444455556666' }),
      encode({ t: '2026-03-01T10:00:00.123Z', i: "'; drop table orders; --" }),
      encode({ t: 5, i: '5b1c0d3e-1111-4222-8333-444455556666' }),
    ]) {
      assert.equal(decodeOrderCursor(text), undefined, text);
    }
  });
});
