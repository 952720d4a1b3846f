import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  judgeRefreshToken,
  looksLikeRefreshToken,
  refreshTokenExpiry,
} from '../src/domain/refresh-token-rules.ts';

const now = new Date('2030-01-10T12:00:00Z');
const later = new Date('2030-02-01T00:00:00Z');
const earlier = new Date('2030-01-01T00:00:00Z');

describe('refresh-token family rules', () => {
  it('rotates a live, unused token of a live family', () => {
    assert.equal(
      judgeRefreshToken({ expiresAt: later, rotatedAt: null, familyRevokedAt: null }, now),
      'rotate',
    );
  });

  it('calls a rotated token presented again a reuse, even once expired or revoked', () => {
    assert.equal(
      judgeRefreshToken({ expiresAt: later, rotatedAt: earlier, familyRevokedAt: null }, now),
      'reused',
    );
    assert.equal(
      judgeRefreshToken({ expiresAt: earlier, rotatedAt: earlier, familyRevokedAt: null }, now),
      'reused',
    );
    assert.equal(
      judgeRefreshToken({ expiresAt: later, rotatedAt: earlier, familyRevokedAt: earlier }, now),
      'reused',
    );
  });

  it('refuses the newest token of a revoked family', () => {
    assert.equal(
      judgeRefreshToken({ expiresAt: later, rotatedAt: null, familyRevokedAt: earlier }, now),
      'revoked',
    );
  });

  it('refuses an expired token, from its expiry instant on', () => {
    assert.equal(
      judgeRefreshToken({ expiresAt: earlier, rotatedAt: null, familyRevokedAt: null }, now),
      'expired',
    );
    assert.equal(
      judgeRefreshToken({ expiresAt: now, rotatedAt: null, familyRevokedAt: null }, now),
      'expired',
    );
  });

  it('expires a token the configured number of days after issue', () => {
    assert.equal(refreshTokenExpiry(now, 30).toISOString(), '2030-02-09T12:00:00.000Z');
  });

  it('recognises the shape of a token before any lookup', () => {
    assert.equal(looksLikeRefreshToken('A'.repeat(43)), true);
    assert.equal(looksLikeRefreshToken('abc_-DEF0123456789abcdefghijklmnopqrstuvwxy'), true);
    assert.equal(looksLikeRefreshToken('A'.repeat(42)), false);
    assert.equal(looksLikeRefreshToken(`${'A'.repeat(42)}=`), false);
    assert.equal(looksLikeRefreshToken("' or 1=1 --"), false);
  });
});
