import type { HttpServer } from '@emporium/platform/http';
import { authenticate, principalOf, type TokenVerifier } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { AccountDeps } from '../accounts/account-deps.ts';
import { setUserRoles } from '../accounts/set-user-roles.ts';
import { decodeUserCursor, encodeUserCursor } from '../domain/user-cursor.ts';
import { InvalidCursor, UserNotFound } from '../errors.ts';
import { findUserById, listUsers } from '../store/users-store.ts';
import { BEARER, IdParams, RoleSchema, toUserView, UserView } from './schemas.ts';

const DEFAULT_PAGE_SIZE = 20;

/** User administration; every route needs the admin role. */
export function registerAdminRoutes(app: HttpServer, deps: AccountDeps, verifier: TokenVerifier): void {
  const { db } = deps;
  const onRequest = authenticate(verifier, 'admin');

  app.get(
    '/users',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        summary: 'Users, newest first, a page at a time',
        security: BEARER,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE })),
            cursor: Type.Optional(
              Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              users: Type.Array(UserView),
              nextCursor: Type.Union([Type.String(), Type.Null()], {
                description: 'Pass as cursor for the next page; null on the last page',
              }),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      const { limit = DEFAULT_PAGE_SIZE, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeUserCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        throw InvalidCursor(
          'Pass the nextCursor of a previous page unchanged, or no cursor for the first page',
        );
      }
      // One extra row says whether another page follows.
      const users = await listUsers(db, { limit: limit + 1, after });
      const page = users.slice(0, limit);
      const last = page.at(-1);
      return {
        users: page.map(toUserView),
        nextCursor: users.length > limit && last ? encodeUserCursor(last) : null,
      };
    },
  );

  app.get(
    '/users/:id',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        summary: 'One user',
        security: BEARER,
        params: IdParams,
        response: { 200: UserView },
      },
    },
    async (request) => {
      const user = await findUserById(db, request.params.id);
      if (!user) throw UserNotFound(`There is no user ${request.params.id}`);
      return toUserView(user);
    },
  );

  app.put(
    '/users/:id/roles',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        summary: "Set a user's roles (customer is always kept)",
        security: BEARER,
        params: IdParams,
        body: Type.Object(
          { roles: Type.Array(RoleSchema, { maxItems: 8, uniqueItems: true }) },
          { additionalProperties: false },
        ),
        response: { 200: UserView },
      },
    },
    async (request) => {
      const user = await setUserRoles(deps, {
        actorId: principalOf(request).userId,
        userId: request.params.id,
        roles: request.body.roles,
      });
      return toUserView(user);
    },
  );
}
