import { defineProblem } from '../http/index.ts';

export const AuthRequired = defineProblem('AUTH_REQUIRED', 401, 'Authentication required');
export const TokenExpired = defineProblem('TOKEN_EXPIRED', 401, 'The access token has expired');
export const TokenInvalid = defineProblem('TOKEN_INVALID', 401, 'The access token is not valid');
export const Forbidden = defineProblem('FORBIDDEN', 403, 'You are not allowed to do this');
export const AuthUnavailable = defineProblem('AUTH_UNAVAILABLE', 503, 'Tokens cannot be verified right now');
