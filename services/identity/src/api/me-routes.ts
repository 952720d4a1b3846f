import type { HttpServer } from '@emporium/platform/http';
import { authenticate, principalOf, type TokenVerifier } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { AccountDeps } from '../accounts/account-deps.ts';
import { changePassword } from '../accounts/change-password.ts';
import { changeProfile } from '../accounts/change-profile.ts';
import { UserNotFound } from '../errors.ts';
import { findUserById } from '../store/users-store.ts';
import { BEARER, EmailInput, NameInput, PasswordInput, toUserView, UserView } from './schemas.ts';

/** The caller's own account. */
export function registerMeRoutes(app: HttpServer, deps: AccountDeps, verifier: TokenVerifier): void {
  const onRequest = authenticate(verifier);

  app.get(
    '/me',
    {
      onRequest,
      schema: { tags: ['me'], summary: 'Your account', security: BEARER, response: { 200: UserView } },
    },
    async (request) => {
      const user = await findUserById(deps.db, principalOf(request).userId);
      if (!user) throw UserNotFound('Your account no longer exists');
      return toUserView(user);
    },
  );

  app.patch(
    '/me',
    {
      onRequest,
      schema: {
        tags: ['me'],
        summary: 'Change your name or email',
        security: BEARER,
        body: Type.Object(
          { name: Type.Optional(NameInput), email: Type.Optional(EmailInput) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserView },
      },
    },
    async (request) => toUserView(await changeProfile(deps, principalOf(request).userId, request.body)),
  );

  app.post(
    '/me/password',
    {
      onRequest,
      schema: {
        tags: ['me'],
        summary: 'Change your password; every session ends, so log in again',
        security: BEARER,
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: PasswordInput },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null({ description: 'Password changed' }) },
      },
    },
    async (request, reply) => {
      await changePassword(deps, principalOf(request).userId, request.body);
      return reply.code(204).send(null);
    },
  );
}
