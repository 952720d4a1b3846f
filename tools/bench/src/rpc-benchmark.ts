/**
 * RPC benchmark: one call (catalog GetProducts for the same SKUs) over each contender at each
 * concurrency, in interleaved rounds, reported as calls/s, p50/p99 latency and the throughput
 * ratio to a bare gRPC client; and platform/rpc's overhead over that bare client.
 */
import { closedLoopCalls } from './closed-loop-calls.ts';
import { BARE_GRPC, PLATFORM_GRPC, type RpcContender } from './rpc-contenders.ts';
import { percentile } from './sample-statistics.ts';

export interface RpcBenchSettings {
  concurrencies: number[];
  rounds: number;
  seconds: number;
  /** Per contender and concurrency, once before the first round, not measured. */
  warmupSeconds: number;
}

interface RoundFigures {
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This process's CPU time per call: the client's and the server's work, not PostgreSQL's. */
  cpuMsPerCall: number;
}

export interface RpcFigures extends RoundFigures {
  name: string;
  concurrency: number;
  /** calls/s ÷ the bare gRPC client's calls/s at the same concurrency. */
  ratioToBare: number;
}

/** The platform/rpc client may cost at most this share of the bare client's throughput. */
export const PLATFORM_OVERHEAD_BUDGET = 0.1;

export async function measureRpc(
  contenders: RpcContender[],
  settings: RpcBenchSettings,
  onProgress: (line: string) => void,
): Promise<RpcFigures[]> {
  const measure = async (contender: RpcContender, concurrency: number, seconds: number) => {
    const result = await closedLoopCalls(contender.call, { concurrency, seconds });
    if (result.errors > 0) {
      throw new Error(`${contender.name}, c=${concurrency}: ${result.errors} failed calls`, {
        cause: result.firstError,
      });
    }
    return {
      callsPerSecond: result.calls / result.seconds,
      p50Ms: percentile(result.latenciesMs, 50),
      p99Ms: percentile(result.latenciesMs, 99),
      cpuMsPerCall: (result.cpuSeconds * 1000) / result.calls,
    };
  };

  // Warm-up: JIT, HTTP/2 sessions, keep-alive sockets, the database pool.
  for (const concurrency of settings.concurrencies) {
    for (const contender of contenders) await measure(contender, concurrency, settings.warmupSeconds);
  }
  const rounds = new Map<string, RoundFigures[]>();
  const key = (name: string, concurrency: number) => `${name} @ ${concurrency}`;
  for (let round = 0; round < settings.rounds; round++) {
    for (const concurrency of settings.concurrencies) {
      // Every other round runs backwards, so none is always measured first or last, and
      // neighbours (the bare and the platform/rpc client) always run seconds apart.
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        const measured = rounds.get(key(contender.name, concurrency)) ?? [];
        measured.push(await measure(contender, concurrency, settings.seconds));
        rounds.set(key(contender.name, concurrency), measured);
      }
    }
    onProgress(`round ${round + 1}/${settings.rounds} done`);
  }

  // Each contender's round with the median throughput, its latencies with it.
  const medianRound = (name: string, concurrency: number): RoundFigures => {
    const measured = rounds.get(key(name, concurrency)) ?? [];
    const sorted = [...measured].sort((a, b) => a.callsPerSecond - b.callsPerSecond);
    return (
      sorted[Math.floor(sorted.length / 2)] ?? {
        callsPerSecond: Number.NaN,
        p50Ms: Number.NaN,
        p99Ms: Number.NaN,
        cpuMsPerCall: Number.NaN,
      }
    );
  };
  return settings.concurrencies.flatMap((concurrency) => {
    const bare = medianRound(BARE_GRPC, concurrency);
    return contenders.map((contender) => {
      const figures = medianRound(contender.name, concurrency);
      return {
        name: contender.name,
        concurrency,
        ...figures,
        ratioToBare: figures.callsPerSecond / bare.callsPerSecond,
      };
    });
  });
}

export function printRpcTable(figures: RpcFigures[], print: (line: string) => void): void {
  const width = Math.max(...figures.map((figure) => figure.name.length));
  print(
    `  ${'variant'.padEnd(width)}  ${'c'.padStart(2)}  ${'calls/s'.padStart(8)}  ${'p50 ms'.padStart(7)}` +
      `  ${'p99 ms'.padStart(7)}  ${'CPU ms/call'.padStart(11)}  vs gRPC bare`,
  );
  for (const figure of figures) {
    print(
      `  ${figure.name.padEnd(width)}  ${String(figure.concurrency).padStart(2)}` +
        `  ${figure.callsPerSecond.toFixed(0).padStart(8)}  ${figure.p50Ms.toFixed(2).padStart(7)}` +
        `  ${figure.p99Ms.toFixed(2).padStart(7)}  ${figure.cpuMsPerCall.toFixed(3).padStart(11)}` +
        `  ${figure.ratioToBare.toFixed(2).padStart(12)}`,
    );
  }
  print('');
  for (const platform of figures.filter((figure) => figure.name === PLATFORM_GRPC)) {
    const bare = figures.find(
      (figure) => figure.name === BARE_GRPC && figure.concurrency === platform.concurrency,
    );
    const overhead = 1 - platform.ratioToBare;
    const verdict = overhead < PLATFORM_OVERHEAD_BUDGET ? 'PASS' : 'MISS';
    const extraCpu = platform.cpuMsPerCall / (bare?.cpuMsPerCall ?? Number.NaN) - 1;
    print(
      `  platform/rpc overhead vs bare gRPC at c=${platform.concurrency}: ${percent(overhead)} of throughput` +
        ` (aim < ${PLATFORM_OVERHEAD_BUDGET * 100}%) ${verdict}; CPU per call ${percent(extraCpu, '+')}`,
    );
  }
}

function percent(share: number, plus = ''): string {
  return `${share > 0 ? plus : ''}${(share * 100).toFixed(1)}%`;
}

/** What each row is, for the lines under the table. */
export function rpcFootnotes(restPath: string): string[] {
  return [
    'c callers each send the next call as soon as the last returns. Each row shows its median round (by',
    "  calls/s) and its calls/s / bare gRPC's calls/s at the same c. CPU ms/call: this process's CPU",
    "  time per call, client and server together (not PostgreSQL's); time spent waiting for a core does",
    '  not count in it, so it moves less than calls/s when other work shares the machine.',
    "in-process: Connect's router transport to the module's own services, platform interceptors on both",
    '  sides; messages are still serialised.',
    'gRPC h2c: to RPC_PORT over one HTTP/2 session. bare: createGrpcTransport alone. platform/rpc:',
    '  RpcClients, the instance picked by discovery from a static registry, under the default policies',
    '  (bulkhead, retry, breaker, per-attempt timeout), with client tracing.',
    'Connect JSON: to PORT, the REST server, over keep-alive HTTP/1.1 (a socket per call in flight).',
    `REST: GET ${restPath}, body parsed as JSON. catalog has no REST request for a list of`,
    '  SKUs; this page is the one request that returns the same products (the SKUs were taken from it).',
    '  It does more database work (a read-only transaction: category tree, page, total, three facet',
    '  counts, where GetProducts runs one query), so its ratio is a floor for REST, not transport alone.',
    'Callers and catalog share this process and its event loop: each figure is client and server together.',
  ];
}
