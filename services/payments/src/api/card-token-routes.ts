import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import { authenticate, type TokenVerifier } from '@emporium/platform/security';
import type { Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type IssuedCardToken, type TokeniseDeps, tokeniseCard } from '../cards/tokenise-card.ts';
import type { PaymentsDatabase } from '../store/database.ts';
import { CardBody, CardTokenView } from './schemas.ts';

/** A card body is a few hundred bytes; nothing larger needs reading. */
const CARD_BODY_LIMIT_BYTES = 4096;

export interface CardTokenRouteOptions {
  db: Kysely<PaymentsDatabase>;
  tokenise: TokeniseDeps;
  verifyToken: TokenVerifier;
}

function toCardTokenView(issued: IssuedCardToken): Static<typeof CardTokenView> {
  return { ...issued, expiresAt: issued.expiresAt.toISOString() };
}

/**
 * Signed-in callers bind the token to themselves (only they may pay with it); anonymous
 * callers get an unbound token, as a payment form with a publishable key would. A token that
 * is sent must be valid: a bad one is 401, never silently ignored.
 */
function signInIfGiven(verifyToken: TokenVerifier) {
  const signIn = authenticate(verifyToken);
  return async (request: FastifyRequest) => {
    if (request.headers.authorization !== undefined) await signIn(request);
  };
}

/** Card tokenisation: the one route that ever sees a card number. */
export function cardTokenRoutes(app: HttpServer, options: CardTokenRouteOptions): void {
  const { db, tokenise, verifyToken } = options;
  app.post(
    '/payments/tokens',
    {
      onRequest: signInIfGiven(verifyToken),
      bodyLimit: CARD_BODY_LIMIT_BYTES,
      schema: {
        tags: ['card tokens'],
        summary: 'Tokenise a card: a single-use token for Authorize (valid 15 minutes by default)',
        description:
          'The card number and security code are checked (Luhn, brand, length, expiry) and never kept. ' +
          'With a bearer token the card token is bound to that user. Accepts an Idempotency-Key.',
        security: [{}, { bearer: [] }],
        body: CardBody,
        response: { 201: CardTokenView },
      },
    },
    async (request, reply) => {
      const userId = request.principal?.userId;
      const card = request.body;
      reply.code(201);
      // The request is remembered by a keyed digest: a plain hash of a card body could be reversed.
      const change = {
        scope: 'payments.tokenise',
        request: { card: tokenise.fingerprints.ofRequest(card), userId },
        keyRequired: false,
      };
      return runIdempotentRequest(db, { request, reply }, change, async (trx) =>
        toCardTokenView(await tokeniseCard(tokenise, trx, card, userId)),
      );
    },
  );
}
