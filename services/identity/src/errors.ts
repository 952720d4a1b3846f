import { defineProblem } from '@emporium/platform/http';

/**
 * Every error identity answers with, each defined once with a stable code. Listed in
 * README.md; token errors (AUTH_REQUIRED, TOKEN_EXPIRED, TOKEN_INVALID, FORBIDDEN) come
 * from @emporium/platform/security and request-shape errors from @emporium/platform/http.
 */
export const InvalidEmail = defineProblem('INVALID_EMAIL', 400, 'The email address is not valid');
export const EmailTaken = defineProblem('EMAIL_TAKEN', 409, 'The email address is already registered');
export const WeakPassword = defineProblem('WEAK_PASSWORD', 400, 'The password is too weak');
export const InvalidCredentials = defineProblem('INVALID_CREDENTIALS', 401, 'Wrong email or password');
export const CurrentPasswordIncorrect = defineProblem(
  'CURRENT_PASSWORD_INCORRECT',
  403,
  'The current password is not correct',
);
export const RefreshTokenInvalid = defineProblem(
  'REFRESH_TOKEN_INVALID',
  401,
  'The refresh token is not valid',
);
export const RefreshTokenReused = defineProblem(
  'REFRESH_TOKEN_REUSED',
  401,
  'The refresh token was already used; every session of its family is revoked',
);
export const UserNotFound = defineProblem('USER_NOT_FOUND', 404, 'No such user');
export const SelfDemotionRefused = defineProblem(
  'SELF_DEMOTION_REFUSED',
  409,
  'An admin cannot take the admin role from themselves',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The page cursor is not valid');
export const AddressNotFound = defineProblem('ADDRESS_NOT_FOUND', 404, 'No such address');
export const AddressLimitReached = defineProblem('ADDRESS_LIMIT_REACHED', 409, 'The address book is full');
export const DefaultAddressRequired = defineProblem(
  'DEFAULT_ADDRESS_REQUIRED',
  409,
  'One address must stay the default',
);
