import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@emporium/platform/http';
import { decodeCursor, encodeCursor, type ProductPosition } from '../src/domain/product-cursor.ts';
import { type ProductQuery, queryFingerprint } from '../src/domain/search-query.ts';

const query: ProductQuery = {
  text: 'wireless',
  category: 'electronics',
  brands: ['Aurora'],
  attributes: { color: ['Black'] },
  includeDiscontinued: false,
};
const fingerprint = queryFingerprint(query, 'relevance');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.code, 'INVALID_CURSOR');
    assert.equal(error.status, 400);
    return error.message;
  }
  assert.fail('the cursor was accepted');
}

describe('product cursors', () => {
  it('round-trip every kind of position', () => {
    const positions: ProductPosition[] = [
      { sort: 'relevance', rank: 0.1, sku: 'ELEC-HEAD-0001' },
      { sort: 'name', name: 'Ærø “quoted” <b>name</b>', sku: 'A-1' },
      { sort: 'newest', createdAt: new Date('2025-03-04T05:06:07.891Z'), sku: 'SKU-9' },
    ];
    for (const position of positions) {
      const fingerprintFor = queryFingerprint(query, position.sort);
      const cursor = encodeCursor(position, fingerprintFor);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'base64url, safe in a URL');
      assert.deepEqual(decodeCursor(cursor, { sort: position.sort, fingerprint: fingerprintFor }), position);
    }
  });

  it('refuses a cursor made for another sort or another query, saying which', () => {
    const cursor = encodeCursor({ sort: 'relevance', rank: 0.5, sku: 'ABC' }, fingerprint);
    assert.match(
      refusal(() => decodeCursor(cursor, { sort: 'name', fingerprint })),
      /sort=relevance/,
    );
    const otherQuery = queryFingerprint({ ...query, brands: ['Voltic'] }, 'relevance');
    assert.match(
      refusal(() => decodeCursor(cursor, { sort: 'relevance', fingerprint: otherQuery })),
      /different search/,
    );
  });

  it('refuses an altered cursor', () => {
    const cursor = encodeCursor({ sort: 'name', name: 'Lamp', sku: 'ABC' }, queryFingerprint(query, 'name'));
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...payload, k: 'Zebra' })).toString('base64url');
    assert.match(
      refusal(() => decodeCursor(altered, { sort: 'name', fingerprint: queryFingerprint(query, 'name') })),
      /altered/,
    );
  });

  it('refuses garbage without throwing anything but INVALID_CURSOR', () => {
    const expected = { sort: 'name' as const, fingerprint };
    const garbage = [
      '',
      'not base64!',
      'abc',
      Buffer.from('null').toString('base64url'),
      Buffer.from('{"v":1}').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('{"v":1,"s":"name","k":{"$gt":""},"i":"ABC","f":"x","c":"y"}').toString('base64url'),
      'A'.repeat(5000),
    ];
    for (const cursor of garbage)
      assert.match(
        refusal(() => decodeCursor(cursor, expected)),
        /malformed/,
      );
  });

  it('fingerprints a query by everything that changes what it lists, but not by letter case of the text', () => {
    const base = queryFingerprint(query, 'name');
    assert.equal(base, queryFingerprint({ ...query, text: 'WIRELESS' }, 'name'));
    const variants: ProductQuery[] = [
      { ...query, text: 'wired' },
      { ...query, category: null },
      { ...query, brands: [] },
      { ...query, attributes: { color: ['Red'] } },
      { ...query, includeDiscontinued: true },
    ];
    for (const variant of variants) assert.notEqual(queryFingerprint(variant, 'name'), base);
    assert.notEqual(queryFingerprint(query, 'newest'), base);
  });
});
