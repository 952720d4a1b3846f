import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK } from 'jose';

/**
 * Identity's token-signing keys, kept in a file of private Ed25519 JWKs (a JWK Set):
 *
 *   { "keys": [ { "kty": "OKP", "crv": "Ed25519", "x": "...", "d": "...", "kid": "...", ... }, ... ] }
 *
 * The first key signs new tokens; every key is published, so tokens signed by an older key
 * keep verifying. To rotate: put a new key first, restart, and remove the old one once the
 * longest-lived access token it signed has expired.
 */

const BASE64URL_32_BYTES = '^[A-Za-z0-9_-]{43}$';

const PrivateSigningJwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String({ pattern: BASE64URL_32_BYTES }),
  d: Type.String({ pattern: BASE64URL_32_BYTES }),
  kid: Type.String({ minLength: 1, maxLength: 128 }),
  alg: Type.Optional(Type.Literal('EdDSA')),
  use: Type.Optional(Type.Literal('sig')),
});
export type PrivateSigningJwk = Static<typeof PrivateSigningJwk>;

const SigningKeysFile = Type.Object({ keys: Type.Array(PrivateSigningJwk, { minItems: 1 }) });

/** A public key as published at /.well-known/jwks.json. */
export interface PublicSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface SigningKeySet {
  /** The key new tokens are signed with, and its id for the token header. */
  signing: { kid: string; key: CryptoKey };
  /** The public half of every key in the file, signing key first. */
  publicKeys: PublicSigningJwk[];
}

export interface LoadedSigningKeys {
  keySet: SigningKeySet;
  path: string;
  /** True when this call generated the file. */
  created: boolean;
  /** Permission bits of the file; anything for group or others is worth a warning. */
  mode: number;
}

export async function generateSigningJwk(): Promise<PrivateSigningJwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const { x, d } = await exportJWK(privateKey);
  if (x === undefined || d === undefined) throw new Error('the generated Ed25519 key did not export');
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x,
    d,
    kid: randomBytes(12).toString('base64url'),
    alg: 'EdDSA',
    use: 'sig',
  };
}

/**
 * Loads the key file at `path`, generating it (mode 0600, folders created) when missing.
 * Instances starting together may each generate a key, but only one file is ever written:
 * each writes a temporary file and hard-links it into place, which fails when the file
 * already exists, and then everyone reads whatever won.
 */
export async function loadOrCreateSigningKeys(path: string): Promise<LoadedSigningKeys> {
  let created = false;
  if (!(await exists(path))) {
    const contents = `${JSON.stringify({ keys: [await generateSigningJwk()] }, null, 2)}\n`;
    created = await createFileOnce(path, contents);
  }
  const keySet = await readSigningKeys(path);
  const { mode } = await stat(path);
  return { keySet, path, created, mode: mode & 0o777 };
}

/** Reads and checks a key file; a damaged file stops the service with the reason. */
export async function readSigningKeys(path: string): Promise<SigningKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`signing key file ${path} is not readable JSON: ${messageOf(error)}`);
  }
  if (!Value.Check(SigningKeysFile, parsed)) {
    const first = Value.Errors(SigningKeysFile, parsed).First();
    throw new Error(
      `signing key file ${path} is not a set of private Ed25519 JWKs: ${first?.path ?? ''} ${first?.message ?? ''}`,
    );
  }
  const kids = parsed.keys.map((jwk) => jwk.kid);
  const duplicate = kids.find((kid, index) => kids.indexOf(kid) !== index);
  if (duplicate !== undefined)
    throw new Error(`signing key file ${path} has two keys with kid "${duplicate}"`);

  const [newest] = parsed.keys;
  if (newest === undefined) throw new Error(`signing key file ${path} has no keys`);
  const key = await importJWK({ kty: newest.kty, crv: newest.crv, x: newest.x, d: newest.d }, 'EdDSA');
  return {
    signing: { kid: newest.kid, key },
    publicKeys: parsed.keys.map(({ kty, crv, x, kid }) => ({ kty, crv, x, kid, alg: 'EdDSA', use: 'sig' })),
  };
}

/** Writes `contents` to `path` unless the file exists; true when this call wrote it. */
async function createFileOnce(path: string, contents: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, contents, { mode: 0o600, flag: 'wx' });
  try {
    // link(2) is atomic and never replaces: the file appears complete, and exactly once.
    await link(temporary, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
