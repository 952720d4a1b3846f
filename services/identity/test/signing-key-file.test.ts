import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@emporium/platform/security';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createAccessTokenSigner } from '../src/keys/access-token-signer.ts';
import { generateSigningJwk, loadOrCreateSigningKeys, readSigningKeys } from '../src/keys/signing-key-set.ts';

describe('the signing key file', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'identity-keys-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('is generated on first start, in folders it creates, readable by its owner only', async () => {
    const path = join(folder, 'first', 'secrets', 'keys.json');
    const loaded = await loadOrCreateSigningKeys(path);
    assert.equal(loaded.created, true);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(folder, 'first', 'secrets'))).mode & 0o777, 0o700);
    const [published] = loaded.keySet.publicKeys;
    assert.deepEqual(Object.keys(published ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.equal(published?.kid, loaded.keySet.signing.kid);
  });

  it('is loaded, not replaced, on the next start', async () => {
    const path = join(folder, 'again', 'keys.json');
    const first = await loadOrCreateSigningKeys(path);
    const contents = await readFile(path, 'utf8');
    const second = await loadOrCreateSigningKeys(path);
    assert.equal(second.created, false);
    assert.equal(second.keySet.signing.kid, first.keySet.signing.kid);
    assert.equal(await readFile(path, 'utf8'), contents);
  });

  it('is written once when several instances start at the same moment', async () => {
    const path = join(folder, 'race', 'keys.json');
    const loads = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKeys(path)));
    assert.equal(loads.filter((load) => load.created).length, 1);
    assert.equal(new Set(loads.map((load) => load.keySet.signing.kid)).size, 1);
    assert.deepEqual(await readdir(join(folder, 'race')), ['keys.json'], 'no temporary files are left');
  });

  it('signs with its first key and publishes every key, so keys can rotate', async () => {
    const path = join(folder, 'rotation.json');
    const [newer, older] = [await generateSigningJwk(), await generateSigningJwk()];
    await writeFile(path, JSON.stringify({ keys: [newer, older] }), { mode: 0o600 });
    const { keySet } = await loadOrCreateSigningKeys(path);
    assert.equal(keySet.signing.kid, newer.kid);
    assert.deepEqual(
      keySet.publicKeys.map((key) => key.kid),
      [newer.kid, older.kid],
    );

    const token = await createAccessTokenSigner(keySet, 60).sign(
      { userId: 'b3f1d1f4-3b0e-4a53-9d4f-7f6f0a1d2c3e', email: 'a@example.com', roles: ['customer'] },
      new Date(),
    );
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: keySet.publicKeys }),
      {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
    );
    assert.equal(protectedHeader.kid, newer.kid);
    assert.equal(payload.email, 'a@example.com');
  });

  it('stops the service with the reason when the file is damaged', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /not readable JSON/],
      [JSON.stringify({ keys: [] }), /not a set of private Ed25519 JWKs/],
      [
        JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', kid: 'k' }] }),
        /not a set of private Ed25519 JWKs/,
      ],
    ];
    for (const [contents, reason] of cases) {
      const path = join(folder, 'damaged.json');
      await writeFile(path, contents);
      await assert.rejects(readSigningKeys(path), reason);
    }
    const key = await generateSigningJwk();
    const path = join(folder, 'duplicate.json');
    await writeFile(path, JSON.stringify({ keys: [key, { ...key }] }));
    await assert.rejects(readSigningKeys(path), /two keys with kid/);
  });
});
