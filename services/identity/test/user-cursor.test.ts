import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeUserCursor, encodeUserCursor } from '../src/domain/user-cursor.ts';

describe('user page cursors', () => {
  it('round-trip the last user of a page', () => {
    const cursor = {
      createdAt: new Date('2030-05-06T07:08:09.123Z'),
      id: '0b6c9a36-52d5-4bd4-9a5a-3f9b3c8e0f11',
    };
    assert.deepEqual(decodeUserCursor(encodeUserCursor(cursor)), cursor);
  });

  it('refuses anything this service did not make', () => {
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      'garbage!',
      '',
      made({ createdAt: '2030-01-01T00:00:00.000Z', id: 'x' }),
      made(['2030-01-01T00:00:00.000Z']),
      made(['yesterday', '0b6c9a36-52d5-4bd4-9a5a-3f9b3c8e0f11']),
      made(['2030-01-01', '0b6c9a36-52d5-4bd4-9a5a-3f9b3c8e0f11']),
      made(['2030-01-01T00:00:00.000Z', "1' or '1'='1"]),
    ]) {
      assert.equal(decodeUserCursor(text), undefined, text);
    }
  });
});
