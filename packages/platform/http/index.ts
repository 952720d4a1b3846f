export {
  createHttpServer,
  type HttpServer,
  type HttpServerOptions,
  type ReadinessCheck,
} from './create-http-server.ts';
export * as HttpErrors from './errors.ts';
export {
  PROBLEM_CONTENT_TYPE,
  type ProblemDocument,
  problemType,
  sendProblem,
  toProblemError,
} from './problem-details.ts';
export { defineProblem, ProblemError, type ProblemFactory } from './problem-error.ts';
