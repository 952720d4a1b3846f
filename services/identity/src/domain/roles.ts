import { ROLES, type Role } from '@emporium/platform/security';

/** Everyone is a customer; admin is granted on top. */
export const NEW_USER_ROLES: readonly Role[] = ['customer'];

/** The canonical form of a role list: customer always included, no duplicates, fixed order. */
export function normaliseRoles(requested: readonly Role[]): Role[] {
  const wanted = new Set<Role>(['customer', ...requested]);
  return ROLES.filter((role) => wanted.has(role));
}

/**
 * Why an admin may not give a user these roles, or undefined when they may. Admins cannot
 * drop their own admin role: this keeps at least one admin, since only admins change roles.
 */
export function roleChangeRefusal(
  actorId: string,
  targetId: string,
  nextRoles: readonly Role[],
): string | undefined {
  if (actorId === targetId && !nextRoles.includes('admin')) {
    return 'You cannot take the admin role from yourself; ask another admin.';
  }
  return undefined;
}
