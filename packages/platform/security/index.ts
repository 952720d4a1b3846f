export { authenticate, principalOf } from './authenticate.ts';
export * as AuthErrors from './errors.ts';
export {
  createTokenVerifier,
  type Principal,
  ROLES,
  type Role,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type TokenVerifier,
} from './token-verifier.ts';
