import { inTransaction } from '@emporium/platform/db';
import type { HttpServer } from '@emporium/platform/http';
import { authenticate, principalOf, type TokenVerifier } from '@emporium/platform/security';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import {
  CURRENCY_PATTERN,
  DEFAULT_PREFERENCES,
  LOCALE_PATTERN,
  type Preferences,
} from '../domain/preferences.ts';
import { UserNotFound } from '../errors.ts';
import type { UserEvents } from '../events/user-events.ts';
import type { IdentityDatabase } from '../store/database.ts';
import { findPreferences, savePreferences } from '../store/preferences-store.ts';
import { findUserById } from '../store/users-store.ts';
import { BEARER } from './schemas.ts';

const PreferencesSchema = Type.Object(
  {
    locale: Type.String({ pattern: LOCALE_PATTERN, maxLength: 16, description: 'BCP 47, e.g. en, de-CH' }),
    currency: Type.String({ pattern: CURRENCY_PATTERN, description: 'ISO 4217, e.g. EUR' }),
    marketingEmails: Type.Boolean({ description: 'Opt-in to marketing email' }),
    channels: Type.Object(
      { email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean() },
      { additionalProperties: false, description: 'Where notifications about your orders go' },
    ),
  },
  { additionalProperties: false },
);

/**
 * Locale, currency and notification choices; defaults until the user saves their own. Saving
 * publishes UserPreferencesChanged, which notifications follows.
 */
export function registerPreferencesRoutes(
  app: HttpServer,
  db: Kysely<IdentityDatabase>,
  verifier: TokenVerifier,
  deps: { events: Pick<UserEvents, 'preferencesChanged'>; clock: () => Date },
): void {
  const onRequest = authenticate(verifier);

  app.get(
    '/me/preferences',
    {
      onRequest,
      schema: {
        tags: ['preferences'],
        summary: 'Your preferences (defaults until you save some)',
        security: BEARER,
        response: { 200: PreferencesSchema },
      },
    },
    async (request): Promise<Preferences> => {
      const saved = await findPreferences(db, principalOf(request).userId);
      return saved ?? { ...DEFAULT_PREFERENCES, channels: { ...DEFAULT_PREFERENCES.channels } };
    },
  );

  app.put(
    '/me/preferences',
    {
      onRequest,
      schema: {
        tags: ['preferences'],
        summary: 'Replace your preferences',
        security: BEARER,
        body: PreferencesSchema,
        response: { 200: PreferencesSchema },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      // The saved preferences and their event commit together (the event goes through the outbox).
      await inTransaction(db, async (trx) => {
        if (!(await findUserById(trx, userId))) throw UserNotFound('Your account no longer exists');
        await savePreferences(trx, userId, request.body);
        await deps.events.preferencesChanged(trx, userId, request.body, deps.clock());
      });
      return request.body;
    },
  );
}
