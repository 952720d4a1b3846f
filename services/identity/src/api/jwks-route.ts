import type { HttpServer } from '@emporium/platform/http';
import { Type } from '@sinclair/typebox';
import type { SigningKeySet } from '../keys/signing-key-set.ts';

const PublicJwk = Type.Object(
  {
    kty: Type.Literal('OKP'),
    crv: Type.Literal('Ed25519'),
    x: Type.String(),
    kid: Type.String(),
    alg: Type.Literal('EdDSA'),
    use: Type.Literal('sig'),
  },
  { additionalProperties: false },
);

/**
 * The public keys access tokens verify against (RFC 7517 JWK Set). Caches may keep it for
 * five minutes; verifiers refetch sooner when a token names a key id they do not know.
 */
export function registerJwksRoute(app: HttpServer, keySet: SigningKeySet): void {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['keys'],
        summary: 'Public keys that verify access tokens',
        response: { 200: Type.Object({ keys: Type.Array(PublicJwk) }, { additionalProperties: false }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: keySet.publicKeys };
    },
  );
}
