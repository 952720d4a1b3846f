import { ConfigError, serviceBaseConfig } from '@emporium/platform/config';
import { eventBusConfig } from '@emporium/platform/messaging';
import { type Static, Type } from '@sinclair/typebox';
import { EMAIL_PATTERN, parseEmail } from './domain/email.ts';
import { passwordPolicyViolations } from './domain/password-policy.ts';

/** Everything identity reads from its environment; secrets may come as `<NAME>_FILE`. */
export const IdentityConfig = Type.Object({
  ...serviceBaseConfig(4001),
  ...eventBusConfig(),
  SIGNING_KEYS_PATH: Type.String({
    minLength: 1,
    default: '.emporium/secrets/identity-signing-keys.json',
    description: 'JSON file of private Ed25519 JWKs (first one signs); created with mode 0600 when missing',
  }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 30,
    maximum: 86_400,
    default: 900,
    description: 'Lifetime of an access token',
  }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'Lifetime of a refresh token (each rotation issues a new one)',
  }),
  ADMIN_EMAIL: Type.Optional(
    Type.String({ pattern: EMAIL_PATTERN.source, description: 'Email of the first admin, created on start' }),
  ),
  ADMIN_PASSWORD: Type.Optional(
    Type.String({ description: 'Password of the first admin (secret: prefer ADMIN_PASSWORD_FILE)' }),
  ),
});
export type IdentityConfig = Static<typeof IdentityConfig>;

/** What the identity module itself needs; the host reads the rest of IdentityConfig. */
export type IdentitySettings = Pick<
  IdentityConfig,
  | 'SIGNING_KEYS_PATH'
  | 'ACCESS_TOKEN_TTL_SECONDS'
  | 'REFRESH_TOKEN_TTL_DAYS'
  | 'ADMIN_EMAIL'
  | 'ADMIN_PASSWORD'
  | 'NATS_URL'
  | 'BUS_DATABASE_URL'
>;

/**
 * Rules that span several variables, which a per-variable schema cannot express. Throws
 * the same ConfigError as loadConfig, so main.ts reports every problem in one list.
 */
export function checkIdentityConfig(config: IdentityConfig): IdentityConfig {
  const problems: string[] = [];
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = config;
  if (email !== undefined && password === undefined) {
    problems.push('ADMIN_PASSWORD: is required when ADMIN_EMAIL is set (or set ADMIN_PASSWORD_FILE)');
  }
  if (email !== undefined) {
    const parsed = parseEmail(email);
    if (!parsed.ok) problems.push(`ADMIN_EMAIL: ${parsed.problem}`);
  }
  if (password !== undefined && email === undefined) {
    problems.push('ADMIN_EMAIL: is required when ADMIN_PASSWORD is set');
  }
  if (password !== undefined) {
    for (const violation of passwordPolicyViolations(password, email)) {
      problems.push(`ADMIN_PASSWORD: ${violation}`);
    }
  }
  if (problems.length > 0) throw new ConfigError('identity', problems);
  return config;
}
