import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@emporium/platform/security';
import { bodyOf, problemOf } from '@emporium/platform/testing';
import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { generateSigningJwk, type PrivateSigningJwk } from '../src/keys/signing-key-set.ts';
import {
  type IdentityUnderTest,
  registerCustomer,
  type SessionBody,
  startIdentity,
} from './support/start-identity.ts';

interface Jwks {
  keys: Array<Record<string, string>>;
}

describe('access tokens', () => {
  let identity: IdentityUnderTest;
  let session: SessionBody;
  before(async () => {
    identity = await startIdentity();
    session = await registerCustomer(identity.api);
  });
  after(() => identity.close());

  const me = (token: string) => identity.api('GET', '/me', undefined, { token });

  /** Signs a token with the service's own private key from its key file. */
  async function signWithServiceKey(claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) {
    const file: Jwks = JSON.parse(await readFile(identity.keysPath, 'utf8'));
    const [jwk] = file.keys;
    assert.ok(jwk);
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, 'EdDSA');
    return build(
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(session.user.id),
    ).sign(key);
  }

  it('publishes its public keys as a cacheable JWKS', async () => {
    const response = await identity.api('GET', '/.well-known/jwks.json');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    const jwks = await bodyOf<Jwks>(response);
    assert.equal(jwks.keys.length, 1);
    const [key] = jwks.keys;
    assert.deepEqual(Object.keys(key ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.deepEqual(
      { kty: key?.kty, crv: key?.crv, alg: key?.alg, use: key?.use },
      { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' },
    );
    assert.equal(key?.d, undefined, 'the private part is never published');
  });

  it('issues tokens that verify against the published JWKS with jose', async () => {
    const keys = createRemoteJWKSet(new URL(`${identity.service.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(session.accessToken, keys, {
      issuer: 'emporium-identity',
      audience: 'emporium',
      algorithms: ['EdDSA'],
    });
    assert.equal(payload.sub, session.user.id);
    assert.equal(payload.email, session.user.email);
    assert.deepEqual(payload.roles, ['customer']);
    assert.equal(typeof protectedHeader.kid, 'string');
  });

  it('refuses a request without a token, or with a malformed header', async () => {
    for (const authorization of [undefined, 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Bearer', 'Bearer not-a-jwt']) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await identity.api('GET', '/me', undefined, { headers });
      assert.equal(response.status, 401, authorization);
      assert.equal((await problemOf(response)).code, 'AUTH_REQUIRED');
    }
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload, signature = ''] = session.accessToken.split('.');
    // A character in the middle: the last one only partly encodes signature bits.
    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    const response = await me(tampered);
    assert.equal(response.status, 401);
    assert.equal((await problemOf(response)).code, 'TOKEN_INVALID');
  });

  it('refuses a token whose claims were edited to make the caller an admin', async () => {
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['customer', 'admin'] })).toString(
      'base64url',
    );
    const response = await identity.api('GET', '/users', undefined, {
      token: `${header}.${forged}.${signature}`,
    });
    assert.equal(response.status, 401);
    assert.equal((await problemOf(response)).code, 'TOKEN_INVALID');
  });

  it('refuses a token signed by another key, with or without our key id', async () => {
    const stranger = await generateSigningJwk();
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: stranger.x, d: stranger.d }, 'EdDSA');
    const jwks: Jwks = JSON.parse(await readFile(identity.keysPath, 'utf8'));
    for (const kid of [stranger.kid, jwks.keys[0]?.kid ?? '']) {
      const token = await new SignJWT({ email: session.user.email, roles: ['customer', 'admin'] })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(session.user.id)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
      const response = await me(token);
      assert.equal(response.status, 401, kid);
      assert.equal((await problemOf(response)).code, 'TOKEN_INVALID');
    }
  });

  it('refuses an expired token as expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signWithServiceKey({ email: session.user.email, roles: ['customer'] }, (jwt) =>
      jwt.setIssuedAt(now - 3600).setExpirationTime(now - 60),
    );
    const response = await me(token);
    assert.equal(response.status, 401);
    assert.equal((await problemOf(response)).code, 'TOKEN_EXPIRED');
  });

  it('refuses a token for another audience or issuer, even when signed with our key', async () => {
    const wrongAudience = await signWithServiceKey(
      { email: session.user.email, roles: ['customer'] },
      (jwt) => jwt.setAudience('someone-else').setExpirationTime('5m'),
    );
    const wrongIssuer = await signWithServiceKey({ email: session.user.email, roles: ['customer'] }, (jwt) =>
      jwt.setIssuer('evil-identity').setExpirationTime('5m'),
    );
    for (const token of [wrongAudience, wrongIssuer]) {
      const response = await me(token);
      assert.equal(response.status, 401);
      assert.equal((await problemOf(response)).code, 'TOKEN_INVALID');
    }
  });

  it('refuses an unsigned ("alg": "none") token', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      sub: session.user.id,
      email: session.user.email,
      roles: ['admin'],
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
    };
    for (const token of [
      `${encode({ alg: 'none' })}.${encode(claims)}.`,
      `${encode({ alg: 'none' })}.${encode(claims)}.${encode('x')}`,
    ]) {
      const response = await me(token);
      assert.equal(response.status, 401);
      assert.match((await problemOf(response)).code, /^(AUTH_REQUIRED|TOKEN_INVALID)$/);
    }
  });
});

describe('access tokens after a signing key rotation', () => {
  let folder: string;
  let identity: IdentityUnderTest;
  let newer: PrivateSigningJwk;
  let older: PrivateSigningJwk;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'identity-rotation-'));
    [newer, older] = [await generateSigningJwk(), await generateSigningJwk()];
    const path = join(folder, 'keys.json');
    await writeFile(path, JSON.stringify({ keys: [newer, older] }), { mode: 0o600 });
    identity = await startIdentity({ SIGNING_KEYS_PATH: path });
  });
  after(async () => {
    await identity.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('publishes both keys, signs with the newer one and still accepts the older one', async () => {
    const jwks = await bodyOf<Jwks>(await identity.api('GET', '/.well-known/jwks.json'));
    assert.deepEqual(
      jwks.keys.map((key) => key.kid),
      [newer.kid, older.kid],
    );

    const session = await registerCustomer(identity.api);
    assert.equal(decodeProtectedHeader(session.accessToken).kid, newer.kid);

    const olderKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: older.x, d: older.d }, 'EdDSA');
    const signedBefore = await new SignJWT({ email: session.user.email, roles: ['customer'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: older.kid })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(session.user.id)
      .setExpirationTime('5m')
      .sign(olderKey);
    const response = await identity.api('GET', '/me', undefined, { token: signedBefore });
    assert.equal(response.status, 200);
  });
});
