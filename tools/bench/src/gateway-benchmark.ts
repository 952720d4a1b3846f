/**
 * Gateway benchmark: `GET /products/:sku` on one catalog, side by side in one run, straight to
 * the catalog, through nginx (Debian's package, started here with a generated config),
 * through a bare @fastify/http-proxy, and through our gateway with auth (a bearer token on
 * every request, verified against a JWKS), rate limit and trace propagation on. wrk measures
 * each at saturation in interleaved rounds; autocannon then drives catalog and gateway at a
 * fixed 50% of the gateway's saturation rate, for the p99 the gateway adds.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { startTestTokenIssuer } from '@emporium/platform/testing';
import { request } from 'undici';
import { median } from './sample-statistics.ts';

export interface GatewayBenchSettings {
  rounds: number;
  seconds: number;
  connections: number;
}

interface Contender {
  name: string;
  url: string;
}

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The aims: share of the bare proxy's and of nginx's throughput, p99 added at half load. */
export const AIMS = { ofBareProxy: 0.9, ofNginx: 0.5, addedP99Ms: 2 };

const repoRoot = join(import.meta.dirname, '..', '..', '..');

export async function gatewayBenchmark(
  catalog: { url: string },
  settings: GatewayBenchSettings,
  log: (line: string) => void,
): Promise<void> {
  try {
    ensureTools(log);
  } catch (error) {
    log(
      `skipped gateway: nginx and wrk are missing and could not be installed (${(error as Error).message})`,
    );
    return;
  }
  const listing = (await (await request(`${catalog.url}/products?limit=1`)).body.json()) as {
    items: Array<{ sku: string }>;
  };
  const sku = listing.items[0]?.sku;
  if (!sku) throw new Error('the catalog listed no product');
  const issuer = await startTestTokenIssuer();
  const token = await issuer.token({ roles: ['customer'] });
  const children: ChildProcess[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'emporium-bench-gateway-'));
  try {
    const nginxPort = await startNginx(workDir, new URL(catalog.url).port, children);
    const proxyPort = await startChild(
      children,
      [join(import.meta.dirname, 'bare-http-proxy.ts')],
      { UPSTREAM: catalog.url },
      (line) => (JSON.parse(line) as { port: number }).port,
    );
    const gatewayPort = await freePort();
    await startChild(
      children,
      [join(repoRoot, 'gateway', 'src', 'main.ts')],
      {
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_TLS: 'false',
        DISCOVERY: 'static',
        STATIC_SERVICES: JSON.stringify({ catalog: [{ rpcUrl: catalog.url, httpUrl: catalog.url }] }),
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        // On, with a budget the benchmark cannot exhaust: the limiter's cost is measured, not its refusals.
        RATE_LIMITS: JSON.stringify({ read: { max: 1_000_000_000, windowMs: 60_000 } }),
        LOG_LEVEL: 'warn',
        ACCESS_LOG: 'false',
      },
      undefined,
    );
    const contenders: Contender[] = [
      { name: 'catalog', url: `${catalog.url}/products/${sku}` },
      { name: 'nginx', url: `http://127.0.0.1:${nginxPort}/api/products/${sku}` },
      { name: 'http-proxy', url: `http://127.0.0.1:${proxyPort}/api/products/${sku}` },
      { name: 'gateway', url: `http://127.0.0.1:${gatewayPort}/api/products/${sku}` },
    ];
    for (const contender of contenders) await waitForOk(contender.url, token);
    log(
      `gateway: GET /products/${sku} (catalog on ${catalog.url}), every request with a bearer token; ` +
        `wrk -c${settings.connections}, ${settings.rounds} interleaved rounds of ${settings.seconds} s`,
    );
    for (const contender of contenders) await wrk(contender.url, token, settings.connections, 1);
    const rounds = new Map<string, Measured[]>(contenders.map((contender) => [contender.name, []]));
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        rounds
          .get(contender.name)
          ?.push(await wrk(contender.url, token, settings.connections, settings.seconds));
      }
      log(`round ${round + 1}/${settings.rounds} done`);
    }
    const figures = new Map(
      contenders.map((contender) => [contender.name, medianRound(rounds.get(contender.name) ?? [])]),
    );
    const gateway = figures.get('gateway');
    const catalogFigures = figures.get('catalog');
    if (!gateway || !catalogFigures) throw new Error('nothing measured');

    const halfRate = Math.max(1, Math.round(gateway.requestsPerSecond / 2));
    const atHalf = {
      catalog: await fixedRate(contenders[0]?.url ?? '', token, halfRate, settings.seconds * 2),
      gateway: await fixedRate(contenders[3]?.url ?? '', token, halfRate, settings.seconds * 2),
    };

    log('');
    log(`  ${'contender'.padEnd(12)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}`);
    for (const [name, measured] of figures) {
      log(
        `  ${name.padEnd(12)} ${measured.requestsPerSecond.toFixed(0).padStart(8)} ${ms(measured.p50Ms)} ${ms(measured.p99Ms)}`,
      );
    }
    const ratio = (other: string) =>
      gateway.requestsPerSecond / (figures.get(other)?.requestsPerSecond ?? Number.NaN);
    const added = atHalf.gateway.p99Ms - atHalf.catalog.p99Ms;
    const verdict = (ok: boolean) => (ok ? 'meets the aim' : 'MISSES the aim');
    log('');
    log(
      `  gateway / http-proxy throughput: ${ratio('http-proxy').toFixed(2)} (aim >= ${AIMS.ofBareProxy}: ${verdict(ratio('http-proxy') >= AIMS.ofBareProxy)})`,
    );
    log(
      `  gateway / nginx throughput:      ${ratio('nginx').toFixed(2)} (aim >= ${AIMS.ofNginx}: ${verdict(ratio('nginx') >= AIMS.ofNginx)})`,
    );
    log(`  gateway / catalog throughput:    ${ratio('catalog').toFixed(2)}`);
    log(
      `  at ${halfRate} req/s (50% of the gateway's saturation): p99 catalog ${atHalf.catalog.p99Ms.toFixed(2)} ms, ` +
        `gateway ${atHalf.gateway.p99Ms.toFixed(2)} ms, added ${added.toFixed(2)} ms ` +
        `(aim < ${AIMS.addedP99Ms} ms: ${verdict(added < AIMS.addedP99Ms)})`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await issuer.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** nginx and wrk come from Debian, through the project's script (which needs root). */
function ensureTools(log: (line: string) => void): void {
  const has = (command: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has('nginx') && has('wrk')) return;
  log('installing nginx and wrk (tools/bench/scripts/install-bench-tools.sh)');
  execFileSync('bash', [join(repoRoot, 'tools', 'bench', 'scripts', 'install-bench-tools.sh')], {
    stdio: 'inherit',
  });
}

async function startNginx(dir: string, catalogPort: string, children: ChildProcess[]): Promise<number> {
  const port = await freePort();
  // One worker, as each Node contender has one event loop; keep-alive to the catalog as the others have.
  const config = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream catalog { server 127.0.0.1:${catalogPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location /api/ {
      proxy_pass http://catalog/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  await chmod(dir, 0o755);
  await writeFile(join(dir, 'nginx.conf'), config);
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return port;
}

/** `node --import tsx <args>`, waiting for its first stdout line when `portOf` reads it. */
async function startChild<T>(
  children: ChildProcess[],
  args: string[],
  env: Record<string, string>,
  portOf: ((line: string) => T) | undefined,
): Promise<T | undefined> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  if (!portOf) {
    child.stdout?.resume();
    return undefined;
  }
  return new Promise<T>((resolve, reject) => {
    child.stdout?.once('data', (line: Buffer) => {
      child.stdout?.resume();
      resolve(portOf(line.toString().trim()));
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

async function waitForOk(url: string, token: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const answer = await request(url, { headers: { authorization: `Bearer ${token}` } });
      await answer.body.dump();
      if (answer.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within 60 s`);
    await sleep(200);
  }
}

/** Asynchronously: the catalog answers from this very process while the load runs. */
const run = promisify(execFile);

async function wrk(url: string, token: string, connections: number, seconds: number): Promise<Measured> {
  const { stdout: output } = await run(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', `authorization: Bearer ${token}`, url],
    { encoding: 'utf8' },
  );
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (failed) throw new Error(`${url}: ${failed[1]} answers were not 2xx\n${output}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s)\s*$/m.exec(output);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(output);
  if (!rate || !p50 || !p99) throw new Error(`cannot read wrk's output:\n${output}`);
  return { requestsPerSecond: Number(rate), p50Ms: toMs(p50), p99Ms: toMs(p99) };
}

async function fixedRate(url: string, token: string, rate: number, seconds: number): Promise<Measured> {
  const autocannon = createRequire(import.meta.url).resolve('autocannon');
  const { stdout: output } = await run(
    process.execPath,
    [
      autocannon,
      '-j',
      '-c',
      '16',
      '-d',
      String(seconds),
      '-R',
      String(rate),
      '-H',
      `authorization=Bearer ${token}`,
      url,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(output) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx + result.errors} failed`);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

function toMs([, value, unit]: RegExpExecArray): number {
  const number = Number(value);
  return unit === 'us' ? number / 1000 : unit === 's' ? number * 1000 : number;
}

function medianRound(measured: Measured[]): Measured {
  const rate = median(measured.map((m) => m.requestsPerSecond));
  return (
    measured.find((m) => m.requestsPerSecond === rate) ??
    measured[0] ?? { requestsPerSecond: 0, p50Ms: 0, p99Ms: 0 }
  );
}

function ms(value: number): string {
  return `${value.toFixed(2).padStart(6)} ms`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
