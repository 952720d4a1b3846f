/**
 * Headers every answer carries (OWASP's secure headers for an API): no sniffing, no framing,
 * no referrer, no caching of personal answers by shared caches, and HSTS over TLS. Set by
 * hand rather than through helmet: they are constant, and this runs on every request.
 */
import type { FastifyReply } from 'fastify';

const API_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
};

export function setSecurityHeaders(reply: FastifyReply, tls: boolean): void {
  reply.headers(API_HEADERS);
  if (tls) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/** The docs page runs Swagger UI's script and styles from the gateway itself. */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
