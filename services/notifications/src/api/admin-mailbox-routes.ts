import type { HttpServer } from '@emporium/platform/http';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { MailboxNotKept, MailNotFound } from '../errors.ts';
import type { NotificationsDatabase } from '../store/database.ts';
import { findSinkMail, listSinkMails } from '../store/sink-mails-store.ts';
import { BEARER, Cursor, Limit, MailDetail, MailIdParams, MailSummary } from './notification-schemas.ts';
import { decodeCursor, encodeCursor, isSeq } from './page-cursor.ts';

const TAGS = ['mailbox'];

/**
 * The embedded SMTP sink's mailbox, for the ops console and tests: every mail it received,
 * readable as fields, as text and HTML, or raw (message/rfc822). With a real SMTP_URL the
 * sink does not run and these answer MAILBOX_NOT_KEPT.
 */
export function adminMailboxRoutes(
  app: HttpServer,
  options: {
    db: Kysely<NotificationsDatabase>;
    sinkRuns: boolean;
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { db, requireAdmin: onRequest } = options;
  const requireSink = () => {
    if (!options.sinkRuns) throw MailboxNotKept('SMTP_URL is set: read the mails on that server');
  };
  const findMail = async (id: string) => {
    requireSink();
    const mail = await findSinkMail(db, id);
    if (!mail) throw MailNotFound(`The SMTP sink holds no mail ${id}`);
    return mail;
  };

  app.get(
    '/admin/mailbox',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'Mails the embedded SMTP sink received, newest first',
        security: BEARER,
        querystring: Type.Object(
          {
            to: Type.Optional(Type.String({ format: 'email', description: 'Only mails to this address' })),
            limit: Type.Optional(Limit),
            cursor: Type.Optional(Cursor),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { mails: Type.Array(MailSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      requireSink();
      const { to, limit = 20, cursor } = request.query;
      const beforeId =
        cursor === undefined ? undefined : decodeCursor(cursor, 1, ([id = '']) => isSeq(id))[0];
      const rows = await listSinkMails(db, { to, beforeId, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        mails: page.map((row) => ({
          id: row.id,
          messageId: row.message_id,
          from: row.envelope_from,
          to: row.envelope_to,
          subject: row.subject,
          receivedAt: row.received_at.toISOString(),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
      };
    },
  );

  app.get(
    '/admin/mailbox/:id',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'One mail the sink received, with its text and HTML parts',
        security: BEARER,
        params: MailIdParams,
        response: { 200: MailDetail },
      },
    },
    async (request) => {
      const mail = await findMail(request.params.id);
      const parsed = await simpleParser(mail.raw);
      return {
        id: mail.id,
        messageId: mail.message_id,
        from: mail.envelope_from,
        to: mail.envelope_to,
        subject: mail.subject,
        receivedAt: mail.received_at.toISOString(),
        text: parsed.text ?? null,
        html: typeof parsed.html === 'string' ? parsed.html : null,
      };
    },
  );

  app.get(
    '/admin/mailbox/:id/raw',
    {
      onRequest,
      schema: {
        tags: TAGS,
        summary: 'One mail exactly as the sink received it (message/rfc822)',
        security: BEARER,
        params: MailIdParams,
        produces: ['message/rfc822'],
        response: { 200: Type.String({ description: 'The MIME message' }) },
      },
    },
    async (request, reply) => {
      const mail = await findMail(request.params.id);
      return reply.type('message/rfc822').send(mail.raw);
    },
  );
}
