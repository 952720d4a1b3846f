/**
 * Verified tokens remembered until shortly before they expire, so a client's burst of
 * requests costs one signature check. Bounded: the oldest entries go first.
 */
import type { Principal, TokenVerifier } from '@emporium/platform/security';
import { decodeJwt } from 'jose';

export interface CachedTokenVerifierOptions {
  /** At most this long after verification (a revoked key stops working within it). */
  maxAgeMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export function cachedTokenVerifier(
  verify: TokenVerifier,
  { maxAgeMs = 30_000, maxEntries = 10_000, now = Date.now }: CachedTokenVerifierOptions = {},
): TokenVerifier {
  const cache = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit && hit.until > now()) return hit.principal;
    if (hit) cache.delete(token);
    const principal = await verify(token);
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    const until = Math.min(now() + maxAgeMs, expiresAt);
    if (until > now()) {
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(token, { principal, until });
    }
    return principal;
  };
}
