/** A user's preferences; what a new user has until they choose. */
export interface Preferences {
  /** BCP 47 language tag, e.g. en, de-CH, zh-Hans-CN. */
  locale: string;
  /** ISO 4217 currency code, e.g. EUR. */
  currency: string;
  marketingEmails: boolean;
  channels: { email: boolean; sms: boolean; push: boolean };
}

/** Marketing is opt-in (GDPR Art. 7); order and account emails go out by email. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  locale: 'en',
  currency: 'EUR',
  marketingEmails: false,
  channels: Object.freeze({ email: true, sms: false, push: false }),
});

/** language[-Script][-REGION], the subset of BCP 47 that shops use. */
export const LOCALE_PATTERN = '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$';
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
