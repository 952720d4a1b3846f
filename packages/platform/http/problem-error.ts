/**
 * An error a client is meant to see: a stable code, one HTTP status, and a human message.
 * It reaches the client as an RFC 9457 problem document (see problem-details.ts).
 */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export type ProblemFactory = ((detail?: string, extensions?: Record<string, unknown>) => ProblemError) & {
  readonly code: string;
  readonly status: number;
};

/** Defines an error once, as Fastify's `createError` does: `const EmailTaken = defineProblem(...)`. */
export function defineProblem(code: string, status: number, title: string): ProblemFactory {
  const factory = (detail: string = title, extensions: Record<string, unknown> = {}) =>
    new ProblemError(code, status, title, detail, extensions);
  return Object.assign(factory, { code, status });
}
