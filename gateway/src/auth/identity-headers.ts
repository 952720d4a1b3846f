/**
 * The verified caller, as the gateway tells the services: headers set only by the gateway.
 * Every incoming header in this namespace is dropped first, so a client cannot forge them.
 * The Authorization header still travels too: services verify the token themselves today.
 */
import type { Principal } from '@emporium/platform/security';

export const IDENTITY_HEADER_PREFIX = 'x-emporium-';
export const USER_ID_HEADER = 'x-emporium-user-id';
export const USER_EMAIL_HEADER = 'x-emporium-user-email';
export const USER_ROLES_HEADER = 'x-emporium-user-roles';

/** Any header a client might send to pass for the gateway (names arrive lower-cased). */
export function isIdentityHeader(name: string): boolean {
  return name.startsWith(IDENTITY_HEADER_PREFIX);
}

export function identityHeaders(principal: Principal): Record<string, string> {
  return {
    [USER_ID_HEADER]: principal.userId,
    [USER_EMAIL_HEADER]: principal.email,
    [USER_ROLES_HEADER]: principal.roles.join(','),
  };
}
