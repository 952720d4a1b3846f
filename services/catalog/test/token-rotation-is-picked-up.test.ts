import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTokenVerifier } from '@emporium/platform/security';
import {
  jsonClient,
  startTestTokenIssuer,
  type TestService,
  type TestTokenIssuer,
  waitFor,
} from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

// The verifier re-fetches the key set for an unknown key id at most once per cooldown
// (30 s in production); a short one keeps the test quick while exercising the same path.
const JWKS_COOLDOWN_MS = 1_000;

describe('signing key rotation', () => {
  let issuer: TestTokenIssuer;
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startCatalog({
      jwksUrl: issuer.jwksUrl,
      seed: false,
      dependencies: {
        verifyToken: createTokenVerifier(new URL(issuer.jwksUrl), { refetchCooldownMs: JWKS_COOLDOWN_MS }),
      },
    });
    api = jsonClient(service.url);
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  const adminCall = (token: string) =>
    api('GET', '/products?includeDiscontinued=true&limit=1', undefined, { token });

  it('accepts tokens signed with a key published after the service started, without a restart', async () => {
    const before = await issuer.token({ roles: ['admin'] });
    assert.equal((await adminCall(before)).status, 200);
    const fetchesBeforeRotation = issuer.fetches;

    await issuer.rotate();
    const rotated = await issuer.token({ roles: ['admin'] });
    await waitFor(
      'the service to accept a token signed with the new key',
      async () => {
        const response = await adminCall(rotated);
        assert.ok([200, 401].includes(response.status), `unexpected ${response.status}`);
        return response.status === 200;
      },
      { timeoutMs: JWKS_COOLDOWN_MS + 15_000, intervalMs: 500 },
    );

    assert.ok(issuer.fetches > fetchesBeforeRotation, 'the key set was fetched again');
    assert.equal((await adminCall(before)).status, 200, 'tokens signed with the old key still work');
  });
});
