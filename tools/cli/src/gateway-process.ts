import { createServer } from 'node:net';
import { join } from 'node:path';
import { CliError } from './cli-error.ts';
import type { Environment } from './cli-settings.ts';
import {
  childEnvironment,
  EXIT_WITH_SUPERVISOR,
  type ProcessInputs,
  supervisionEnvironment,
} from './service-process-spec.ts';
import type { ServiceRunContext } from './services.ts';
import type { ProcessSpec } from './supervisor/supervised-process.ts';

/**
 * The API gateway as `up` runs it: not a service (it owns no database and is not in the
 * registry), one more supervised process started once the services are ready, in front of
 * them on GATEWAY_PORT (HTTP, default 8080) and GATEWAY_TLS_PORT (HTTPS, default 8443).
 */
export const GATEWAY_NAME = 'gateway';
export const GATEWAY_ENTRY = 'gateway/src/main.ts';

export interface GatewayPlan {
  port: number;
  tlsPort: number;
  url: string;
  tlsUrl: string;
  /** The development CA the HTTPS listener's certificate is signed by, generated on first start. */
  caPath: string;
  tlsDir: string;
}

/**
 * GATEWAY_PORT and GATEWAY_TLS_PORT; 0 asks for a free port, found here so the summary can
 * print it (tests run several platforms side by side this way).
 */
export async function planGateway(env: Environment, host: string, secretsDir: string): Promise<GatewayPlan> {
  const port = await resolvePort(env, 'GATEWAY_PORT', 8080);
  const tlsPort = await resolvePort(env, 'GATEWAY_TLS_PORT', 8443);
  const tlsDir = join(secretsDir, 'gateway-tls');
  return {
    port,
    tlsPort,
    url: `http://${host}:${port}`,
    tlsUrl: `https://localhost:${tlsPort}`,
    caPath: join(tlsDir, 'ca.pem'),
    tlsDir,
  };
}

/** `node --import tsx --import <exit-with-supervisor> gateway/src/main.ts`, from the repository root. */
export function gatewayProcessSpec(inputs: {
  plan: GatewayPlan;
  host: string;
  /** REGISTRY_DATABASE_URL, or NATS_URL: where the gateway finds the services. */
  platform: Record<string, string>;
  run: ServiceRunContext;
  process: ProcessInputs;
}): ProcessSpec {
  const { plan, run } = inputs;
  const own = {
    ...supervisionEnvironment(inputs.process),
    GATEWAY_HOST: inputs.host,
    GATEWAY_PORT: String(plan.port),
    GATEWAY_TLS_PORT: String(plan.tlsPort),
    TLS_DEV_DIR: plan.tlsDir,
    IDENTITY_JWKS_URL: `${run.urlOf('identity')}/.well-known/jwks.json`,
    ...inputs.platform,
    OTEL_SERVICE_NAME: GATEWAY_NAME,
  };
  return {
    name: GATEWAY_NAME,
    command: process.execPath,
    // The gateway propagates W3C trace context itself; the OTel SDK's HTTP hooks would cost
    // the edge more than they tell (see gateway/README.md).
    args: ['--import', 'tsx', '--import', EXIT_WITH_SUPERVISOR, GATEWAY_ENTRY],
    cwd: inputs.process.repoRoot,
    env: childEnvironment(inputs.process.parentEnv, own),
  };
}

async function resolvePort(env: Environment, name: string, fallback: number): Promise<number> {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(
      'SETTINGS_INVALID',
      `invalid settings:\n  - ${name}: must be a port number from 0 to 65535, got ${JSON.stringify(raw)}`,
    );
  }
  return port === 0 ? freePort() : port;
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
