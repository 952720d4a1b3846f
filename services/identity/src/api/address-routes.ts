import { Address } from '@emporium/contracts';
import type { HttpServer } from '@emporium/platform/http';
import { authenticate, principalOf, type TokenVerifier } from '@emporium/platform/security';
import { type Static, Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { addAddress, removeAddress, replaceAddress } from '../accounts/address-book-changes.ts';
import { ADDRESS_BOOK_LIMIT } from '../domain/address-book.ts';
import { listAddresses, type SavedAddress } from '../store/addresses-store.ts';
import type { IdentityDatabase } from '../store/database.ts';
import { BEARER, IdParams } from './schemas.ts';

// Address's own properties, spread rather than nested: the contract's schema carries an
// $id, and one schema may hold an $id only once.
const AddressInput = Type.Object(
  {
    ...Address.properties,
    isDefault: Type.Optional(
      Type.Boolean({ description: 'Make this the default address (the first address always is)' }),
    ),
  },
  { additionalProperties: false },
);

const AddressView = Type.Object(
  { id: Type.String({ format: 'uuid' }), ...Address.properties, isDefault: Type.Boolean() },
  { additionalProperties: false },
);

function toAddressView({ createdAt: _createdAt, ...address }: SavedAddress): Static<typeof AddressView> {
  return address;
}

/** The caller's address book; nobody sees or changes another user's addresses. */
export function registerAddressRoutes(
  app: HttpServer,
  db: Kysely<IdentityDatabase>,
  verifier: TokenVerifier,
): void {
  const onRequest = authenticate(verifier);

  app.get(
    '/me/addresses',
    {
      onRequest,
      schema: {
        tags: ['addresses'],
        summary: 'Your addresses, oldest first',
        security: BEARER,
        response: {
          200: Type.Object({ addresses: Type.Array(AddressView) }, { additionalProperties: false }),
        },
      },
    },
    async (request) => ({
      addresses: (await listAddresses(db, principalOf(request).userId)).map(toAddressView),
    }),
  );

  app.post(
    '/me/addresses',
    {
      onRequest,
      schema: {
        tags: ['addresses'],
        summary: `Add an address (at most ${ADDRESS_BOOK_LIMIT})`,
        security: BEARER,
        body: AddressInput,
        response: { 201: AddressView },
      },
    },
    async (request, reply) => {
      const { isDefault, ...address } = request.body;
      const saved = await addAddress(db, principalOf(request).userId, address, isDefault);
      return reply.code(201).send(toAddressView(saved));
    },
  );

  app.put(
    '/me/addresses/:id',
    {
      onRequest,
      schema: {
        tags: ['addresses'],
        summary: 'Replace an address; isDefault true makes it the default',
        security: BEARER,
        params: IdParams,
        body: AddressInput,
        response: { 200: AddressView },
      },
    },
    async (request) => {
      const { isDefault, ...address } = request.body;
      const saved = await replaceAddress(
        db,
        principalOf(request).userId,
        request.params.id,
        address,
        isDefault,
      );
      return toAddressView(saved);
    },
  );

  app.delete(
    '/me/addresses/:id',
    {
      onRequest,
      schema: {
        tags: ['addresses'],
        summary: 'Delete an address; if it was the default, the newest remaining one becomes default',
        security: BEARER,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted' }) },
      },
    },
    async (request, reply) => {
      await removeAddress(db, principalOf(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
