/**
 * A failure the operator can act on: a stable code, a message that says what to do, and
 * the exit status. `main.ts` prints the message without a stack trace.
 */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type CliErrorCode =
  | 'USAGE'
  | 'SETTINGS_INVALID'
  | 'ALREADY_RUNNING'
  | 'PORT_IN_USE'
  | 'SERVICE_MISSING'
  | 'POSTGRES_UNREACHABLE'
  | 'POSTGRES_FAILED'
  | 'PROVISIONING_FAILED'
  | 'NOT_RUNNING'
  | 'IDENTITY_UNAVAILABLE'
  | 'LOGIN_FAILED'
  | 'REQUEST_FAILED'
  | 'REGISTRY_UNKNOWN'
  | 'RPC_FAILED'
  | 'CHECK_INCOMPLETE';
