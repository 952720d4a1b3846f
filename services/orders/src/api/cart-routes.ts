import type { HttpServer } from '@emporium/platform/http';
import { idempotencyKeyOf } from '@emporium/platform/idempotency';
import type { Logger } from '@emporium/platform/log';
import { authenticate, principalOf, type TokenVerifier } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CartCaller } from '../carts/cart-caller.ts';
import {
  addCartItem,
  type CartDeps,
  mergeGuestCart,
  removeCartItem,
  setCartItemQuantity,
} from '../carts/cart-changes.ts';
import { priceCart } from '../carts/price-cart.ts';
import { CartIdRequired, CartNotFound } from '../errors.ts';
import { cartLines, createGuestCart, findCart, findUserCart } from '../store/carts-store.ts';
import {
  CART_ROUTE,
  CartItemChangeBody,
  CartQuery,
  CartSkuParams,
  CartView,
  MergeCartBody,
  NewCartItemBody,
} from './cart-schemas.ts';
import { toCartView } from './cart-view.ts';
import { CUSTOMER, IdempotencyKeyHeader } from './common-schemas.ts';

export interface CartRouteOptions {
  deps: CartDeps;
  verifyToken: TokenVerifier;
  /** Where the cart's prices are shown for, until checkout knows the address. */
  pricing: { currency: string; country: string };
  logger: Logger;
}

/**
 * The cart: a logged-in user's (Authorization), or a guest's (X-Cart-Id of a cart made with
 * POST /carts). Every answer is the whole cart, priced by pricing when it answers.
 */
export function cartRoutes(app: HttpServer, { deps, verifyToken, pricing, logger }: CartRouteOptions): void {
  const requireUser = authenticate(verifyToken);
  const { db } = deps;

  async function callerOf(request: FastifyRequest): Promise<CartCaller> {
    if (request.headers.authorization !== undefined) {
      await requireUser(request);
      return { kind: 'user', userId: principalOf(request).userId };
    }
    const cartId = request.headers['x-cart-id'];
    if (typeof cartId === 'string') return { kind: 'guest', cartId };
    throw CartIdRequired(
      'Send "Authorization: Bearer <token>", or X-Cart-Id with a guest cart from POST /carts',
    );
  }

  async function show(caller: CartCaller, query: { currency?: string; country?: string } = {}) {
    const cart =
      caller.kind === 'user' ? await findUserCart(db, caller.userId) : await findCart(db, caller.cartId);
    if (caller.kind === 'guest' && (!cart || cart.userId !== null)) {
      throw CartNotFound(`There is no guest cart ${caller.cartId}`);
    }
    const lines = cart ? await cartLines(db, cart.id) : [];
    const where = { currency: query.currency ?? pricing.currency, country: query.country ?? pricing.country };
    return toCartView(cart, caller.kind, await priceCart(deps.participants.pricing, lines, where, logger));
  }

  function replayed(reply: FastifyReply, outcome: { replayed: boolean }) {
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  }

  app.post(
    '/carts',
    {
      schema: {
        tags: ['cart'],
        summary: 'Start a guest cart; send its id as X-Cart-Id, and merge it into your cart after login',
        security: [{}],
        response: { 201: CartView },
      },
    },
    async (_request, reply) => {
      const cart = await createGuestCart(db, deps.clock());
      reply.code(201).header('x-cart-id', cart.id);
      return show({ kind: 'guest', cartId: cart.id });
    },
  );

  app.get(
    '/cart',
    {
      schema: {
        ...CART_ROUTE,
        summary: 'The cart with prices (pricing: "unavailable" and null prices when pricing is down)',
        querystring: CartQuery,
        response: { 200: CartView },
      },
    },
    async (request) => show(await callerOf(request), request.query),
  );

  app.post(
    '/cart/items',
    {
      schema: {
        ...CART_ROUTE,
        summary: 'Add a product (more of it if the cart has it); the catalog must sell the SKU',
        body: NewCartItemBody,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const caller = await callerOf(request);
      const outcome = await addCartItem(deps, caller, request.body, idempotencyKeyOf(request));
      replayed(reply, outcome);
      return show(caller);
    },
  );

  app.patch(
    '/cart/items/:sku',
    {
      schema: {
        ...CART_ROUTE,
        summary: 'Set the quantity of a line',
        params: CartSkuParams,
        body: CartItemChangeBody,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const caller = await callerOf(request);
      const item = { sku: request.params.sku, quantity: request.body.quantity };
      replayed(reply, await setCartItemQuantity(deps, caller, item, idempotencyKeyOf(request)));
      return show(caller);
    },
  );

  app.delete(
    '/cart/items/:sku',
    {
      schema: {
        ...CART_ROUTE,
        summary: 'Remove a line (removing one the cart does not have changes nothing)',
        params: CartSkuParams,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const caller = await callerOf(request);
      replayed(reply, await removeCartItem(deps, caller, request.params.sku, idempotencyKeyOf(request)));
      return show(caller);
    },
  );

  app.post(
    '/cart/merge',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cart'],
        ...CUSTOMER,
        summary: "After login: add a guest cart's lines to yours and delete the guest cart",
        headers: Type.Object(IdempotencyKeyHeader),
        body: MergeCartBody,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const outcome = await mergeGuestCart(deps, userId, request.body.guestCartId, idempotencyKeyOf(request));
      replayed(reply, outcome);
      return show({ kind: 'user', userId });
    },
  );
}
