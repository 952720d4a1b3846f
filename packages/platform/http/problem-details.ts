import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  BodyTooLarge,
  InternalError,
  MalformedBody,
  RouteNotFound,
  UnsupportedMediaType,
  ValidationFailed,
} from './errors.ts';
import { ProblemError } from './problem-error.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  [extension: string]: unknown;
}

/** RFC 9457 §3.1: `type` is a URI naming the problem; ours are stable per code. */
export function problemType(code: string): string {
  return `urn:emporium:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

interface ValidationIssue {
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** Turns any error thrown while serving a request into the problem a client should see. */
export function toProblemError(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (!(error instanceof Error)) return InternalError();
  const fastifyError: Partial<FastifyError> = error;
  if (fastifyError.validation) {
    const context = fastifyError.validationContext ?? 'body';
    const issues = fastifyError.validation.map((issue) => describeIssue(context, issue as ValidationIssue));
    return ValidationFailed(issues.join('; '), { errors: issues });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return MalformedBody(`The request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return BodyTooLarge('The request body is larger than this endpoint accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return UnsupportedMediaType(`${error.message}; send application/json`);
  }
  if (error instanceof SyntaxError)
    return MalformedBody(`The request body is not valid JSON: ${error.message}`);
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ProblemError(fastifyError.code ?? 'BAD_REQUEST', status, 'Bad request', error.message);
  }
  return InternalError();
}

function describeIssue(context: string, issue: ValidationIssue): string {
  const path = `${context}${issue.instancePath.replaceAll('/', '.')}`;
  if (typeof issue.params.additionalProperty === 'string') {
    return `${path}.${issue.params.additionalProperty} is not a known field`;
  }
  if (typeof issue.params.missingProperty === 'string') {
    return `${path}.${issue.params.missingProperty} is required`;
  }
  return `${path} ${issue.message ?? 'is not valid'}`;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemError,
): FastifyReply {
  const document: ProblemDocument = {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    code: problem.code,
    requestId: String(request.id),
  };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(document);
}

export { RouteNotFound };
