import type { HttpServer } from '@emporium/platform/http';
import { type Static, Type } from '@sinclair/typebox';
import type { AccountDeps } from '../accounts/account-deps.ts';
import { logIn } from '../accounts/log-in.ts';
import { registerAccount } from '../accounts/register-account.ts';
import type { Session } from '../sessions/session-issuer.ts';
import { EmailInput, NameInput, PasswordInput, toUserView, UserView } from './schemas.ts';

const SessionView = Type.Object(
  {
    user: UserView,
    accessToken: Type.String({ description: 'EdDSA JWT; send as "Authorization: Bearer <token>"' }),
    refreshToken: Type.String({ description: 'Opaque; exchange at /auth/refresh, once' }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  },
  { additionalProperties: false },
);

const RefreshTokenBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);

function toSessionView(session: Session): Static<typeof SessionView> {
  return { ...session, user: toUserView(session.user) };
}

/** Registration, login, and the refresh-token lifecycle. No route here needs an access token. */
export function registerAuthRoutes(app: HttpServer, deps: AccountDeps): void {
  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a customer account and log in',
        body: Type.Object(
          { email: EmailInput, password: PasswordInput, name: NameInput },
          { additionalProperties: false },
        ),
        response: { 201: SessionView },
      },
    },
    async (request, reply) => {
      const session = await registerAccount(deps, request.body);
      return reply.code(201).send(toSessionView(session));
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        body: Type.Object(
          { email: EmailInput, password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionView },
      },
    },
    async (request) => toSessionView(await logIn(deps, request.body)),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
        body: RefreshTokenBody,
        response: { 200: SessionView },
      },
    },
    async (request) => toSessionView(await deps.sessions.refresh(request.body.refreshToken)),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token (idempotent)',
        body: RefreshTokenBody,
        response: { 204: Type.Null({ description: 'Logged out' }) },
      },
    },
    async (request, reply) => {
      await deps.sessions.end(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
}
