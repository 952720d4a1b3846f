/**
 * `npm run bench`: each benchmark measures its contenders in interleaved rounds within one
 * run and prints throughput ratios, since absolute numbers drift on shared machines.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { closedLoopLoad } from './closed-loop-load.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 32;

async function chassisOverhead(): Promise<void> {
  const targets = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'chassis-targets.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const ports = await new Promise<Record<string, number>>((resolve, reject) => {
      targets.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
      targets.once('exit', (code) => reject(new Error(`benchmark targets exited with ${code}`)));
    });
    const body = JSON.stringify({ sku: 'ELEC-HEAD-0007', quantity: 2 });
    const perSecond: Record<string, number[]> = Object.fromEntries(
      Object.keys(ports).map((name) => [name, []]),
    );
    console.log(
      `chassis overhead: POST /orders with a validated JSON body, ${CONNECTIONS} connections, ` +
        `${ROUNDS} interleaved rounds of ${SECONDS} s each`,
    );
    // Warm-up: JIT, connection pools and Fastify's compiled validators, not measured.
    for (const port of Object.values(ports)) {
      await closedLoopLoad(
        `http://127.0.0.1:${port}`,
        { method: 'POST', path: '/orders', body },
        {
          connections: CONNECTIONS,
          seconds: 1,
        },
      );
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, port] of Object.entries(ports)) {
        const result = await closedLoopLoad(
          `http://127.0.0.1:${port}`,
          { method: 'POST', path: '/orders', body },
          { connections: CONNECTIONS, seconds: SECONDS },
        );
        if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests`);
        perSecond[name]?.push(result.requests / result.seconds);
      }
      process.stdout.write(`  round ${round}/${ROUNDS} done\n`);
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const chassis = median(perSecond.chassis ?? []);
    for (const [name, values] of Object.entries(perSecond)) {
      const rate = median(values);
      console.log(
        `  ${name.padEnd(10)} ${rate.toFixed(0).padStart(7)} req/s   chassis / ${name}: ${(chassis / rate).toFixed(2)}`,
      );
    }
  } finally {
    targets.kill('SIGTERM');
  }
}

await chassisOverhead();
