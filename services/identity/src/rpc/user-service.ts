import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  BatchGetUsersResponseSchema,
  GetUserResponseSchema,
  UserSchema,
  UserService,
} from '@emporium/contracts/proto/identity/v1/user_service';
import { Code, ConnectError, type RpcServices } from '@emporium/platform/rpc';
import type { Kysely } from 'kysely';
import type { IdentityDatabase } from '../store/database.ts';
import { findUserById, findUsersByIds, type User } from '../store/users-store.ts';

export const MAX_IDS_PER_BATCH = 1000;
/** Users are read from the database this many at a time while the stream is sent. */
const BATCH_CHUNK = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toUserMessage(user: User) {
  return create(UserSchema, {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    createTime: timestampFromDate(user.createdAt),
  });
}

function checkId(id: string, field: string): void {
  if (!UUID.test(id)) {
    throw new ConnectError(
      `${field}: ${JSON.stringify(id.slice(0, 60))} is not a user id (a UUID)`,
      Code.InvalidArgument,
    );
  }
}

/** identity.v1.UserService: who a user is, for other services. */
export function serveUserService(rpc: Pick<RpcServices, 'serve'>, db: Kysely<IdentityDatabase>): void {
  rpc.serve(UserService, {
    async getUser(request) {
      checkId(request.id, 'id');
      const user = await findUserById(db, request.id);
      if (!user) throw new ConnectError(`no user has id ${request.id}`, Code.NotFound);
      return create(GetUserResponseSchema, { user: toUserMessage(user) });
    },

    async *batchGetUsers(request, context) {
      if (request.ids.length > MAX_IDS_PER_BATCH) {
        throw new ConnectError(
          `ids: at most ${MAX_IDS_PER_BATCH} per call, got ${request.ids.length}`,
          Code.InvalidArgument,
        );
      }
      for (const id of request.ids) checkId(id, 'ids');
      for (let start = 0; start < request.ids.length; start += BATCH_CHUNK) {
        if (context.signal.aborted) return;
        const chunk = request.ids.slice(start, start + BATCH_CHUNK);
        const found = new Map((await findUsersByIds(db, [...new Set(chunk)])).map((user) => [user.id, user]));
        for (const id of chunk) {
          const user = found.get(id.toLowerCase());
          yield create(BatchGetUsersResponseSchema, {
            id,
            found: user !== undefined,
            user: user && toUserMessage(user),
          });
        }
      }
    },
  });
}
