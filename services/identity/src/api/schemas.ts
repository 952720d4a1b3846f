import { type Static, Type } from '@sinclair/typebox';
import type { User } from '../store/users-store.ts';

/** Shapes shared by several routes. Every input object refuses unknown fields. */

/**
 * One of ROLES. Spelled out because route types come from the `typebox` package, whose
 * Static of a Union built with ROLES.map() is never. toUserView and the role routes stop
 * compiling if this list and ROLES drift apart.
 */
export const RoleSchema = Type.Union([Type.Literal('customer'), Type.Literal('admin')], {
  description: 'customer, or admin',
});

export const UserView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Type.String(),
    roles: Type.Array(RoleSchema),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type UserView = Static<typeof UserView>;

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Generous: whitespace is trimmed and the real limit (254) is checked after normalisation. */
export const EmailInput = Type.String({ minLength: 1, maxLength: 320, description: 'Email address' });

/** Bounded so nobody can make us hash a megabyte; the policy's own limit is explained by WEAK_PASSWORD. */
export const PasswordInput = Type.String({ maxLength: 1024, description: 'Password' });

/** Stored exactly as given: markup or SQL in a name is just text. */
export const NameInput = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: 'Display name',
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const BEARER = [{ bearer: [] }];
