import { createServer } from 'node:net';
import { CliError } from '../cli-error.ts';

export interface PortClaim {
  port: number;
  /** Who will listen there, e.g. "identity". */
  owner: string;
  /** The variable that moves it, e.g. "IDENTITY_PORT". */
  variable: string;
}

/**
 * Fails before anything starts when a port is taken, naming the variable that moves it;
 * otherwise the service would crash-loop on EADDRINUSE. (A port can still be taken between
 * this check and the listen; the crash-and-restart path covers that.)
 */
export async function assertPortsFree(host: string, claims: readonly PortClaim[]): Promise<void> {
  const problems: string[] = [];
  const seen = new Map<number, PortClaim>();
  for (const claim of claims) {
    const other = seen.get(claim.port);
    if (other) {
      problems.push(
        `${claim.owner} and ${other.owner} are both given port ${claim.port} (${claim.variable})`,
      );
      continue;
    }
    seen.set(claim.port, claim);
    const failure = await tryListen(host, claim.port);
    if (failure) {
      problems.push(
        `${claim.owner}: port ${claim.port} on ${host} ${failure}; set ${claim.variable} to another port`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CliError('PORT_IN_USE', `cannot start:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' ? 'is in use' : `cannot be used (${error.code ?? error.message})`),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
