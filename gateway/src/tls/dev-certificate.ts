/**
 * The development certificate: a local CA and a certificate for localhost signed by it,
 * generated (with `selfsigned`) on first start and kept, so a browser or curl told to trust
 * `ca.pem` once keeps trusting the gateway across restarts. A real certificate comes from
 * TLS_CERT_FILE and TLS_KEY_FILE instead.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The development CA's certificate; undefined for a real certificate. */
  ca?: string | undefined;
  /** Where the CA certificate is, to tell clients (`curl --cacert`). */
  caPath?: string | undefined;
}

const DAY_MS = 86_400_000;

export async function loadOrCreateDevCertificate(dir: string): Promise<TlsMaterial> {
  const paths = { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  try {
    const [ca, cert, key] = await Promise.all([
      readFile(paths.ca, 'utf8'),
      readFile(paths.cert, 'utf8'),
      readFile(paths.key, 'utf8'),
    ]);
    return { ca, cert, key, caPath: paths.ca };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  const ca = await generate([{ name: 'commonName', value: 'Emporium development CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Browsers refuse server certificates valid for more than 398 days.
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 397 * DAY_MS),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  // Written whole, then renamed: a gateway stopped halfway leaves no half a key pair behind.
  for (const [path, text] of [
    [paths.key, leaf.private],
    [paths.cert, leaf.cert],
    [paths.ca, ca.cert],
  ] as const) {
    await writeFile(`${path}.tmp`, text, { mode: 0o600 });
    await chmod(`${path}.tmp`, 0o600);
    await rename(`${path}.tmp`, path);
  }
  return { ca: ca.cert, cert: leaf.cert, key: leaf.private, caPath: paths.ca };
}

export async function loadCertificate(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return { cert, key };
}
