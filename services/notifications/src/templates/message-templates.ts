import { moneyText, orderNumber } from '../domain/money-text.ts';
import type { NotificationData, NotificationKind, NotificationRequest } from './notification-kinds.ts';
import { type Block, type RenderedMessage, renderBlocks } from './rendered-message.ts';

/** Who reads the message, in which language. */
export interface Reader {
  /** null when the user's name is not known (yet): the greeting has none. */
  name: string | null;
  locale: string;
}

type Template<Kind extends NotificationKind> = (
  data: NotificationData[Kind],
  reader: Reader,
) => { subject: string; blocks: Block[] };

type Templates = { [Kind in NotificationKind]: Template<Kind> };

const money = moneyText;

const en: Templates = {
  welcome: (data) => ({
    subject: 'Welcome to Emporium',
    blocks: [{ paragraph: `Hello ${data.name},` }, { paragraph: 'your account is ready. Happy shopping!' }],
  }),
  'order-confirmed': (data, reader) => ({
    subject: `Your order ${orderNumber(data.orderId)} is confirmed`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      { paragraph: `thank you for your order ${orderNumber(data.orderId)}. We are getting it ready.` },
      {
        table: data.lines.map((line) => [
          `${line.quantity} × ${line.sku}`,
          money(line.lineTotal, reader.locale),
        ]),
      },
      {
        table: [
          ['Subtotal', money(data.subtotal, reader.locale)],
          ['Discounts', money(data.discountTotal, reader.locale)],
          ['Tax', money(data.taxTotal, reader.locale)],
          ['Shipping', money(data.shipping, reader.locale)],
          ['Total', money(data.total, reader.locale)],
        ],
      },
      { paragraph: `Order reference: ${data.orderId}` },
    ],
  }),
  'order-cancelled': (data, reader) => ({
    subject: `Your order ${orderNumber(data.orderId)} was cancelled`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      { paragraph: `we are sorry: your order ${orderNumber(data.orderId)} was cancelled. ${data.reason}` },
      { paragraph: 'Nothing was charged; any hold on your card is released.' },
    ],
  }),
  'order-shipped': (data, reader) => ({
    subject: `Your order ${orderNumber(data.orderId)} is on its way`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      { paragraph: `your order ${orderNumber(data.orderId)} was picked up by ${data.carrier}.` },
      { table: [['Tracking number', data.trackingNumber]] },
    ],
  }),
  'order-delivered': (data, reader) => ({
    subject: `Your order ${orderNumber(data.orderId)} was delivered`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      { paragraph: `your order ${orderNumber(data.orderId)} has arrived. Enjoy!` },
    ],
  }),
  'refund-issued': (data, reader) => ({
    subject: `A refund for your order ${orderNumber(data.orderId)}`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      {
        paragraph: `we refunded ${money(data.amount, reader.locale)} for your order ${orderNumber(data.orderId)}${
          data.fullyRefunded ? ' (the whole payment)' : ''
        }. It reaches your card within a few days.`,
      },
    ],
  }),
  'delivery-problem': (data, reader) => ({
    subject: data.returned
      ? `Your order ${orderNumber(data.orderId)} is coming back to us`
      : `A delivery attempt for your order ${orderNumber(data.orderId)} failed`,
    blocks: [
      { paragraph: greeting('Hello', reader) },
      {
        paragraph: data.returned
          ? `the carrier could not deliver your order ${orderNumber(data.orderId)} (${data.reason}) and returns it to us. We will be in touch.`
          : `the carrier could not deliver your order ${orderNumber(data.orderId)} (${data.reason}). They will try again.`,
      },
      { table: [['Tracking number', data.trackingNumber]] },
    ],
  }),
};

const de: Templates = {
  welcome: (data) => ({
    subject: 'Willkommen bei Emporium',
    blocks: [
      { paragraph: `Hallo ${data.name},` },
      { paragraph: 'Ihr Konto ist bereit. Viel Freude beim Einkaufen!' },
    ],
  }),
  'order-confirmed': (data, reader) => ({
    subject: `Ihre Bestellung ${orderNumber(data.orderId)} ist bestätigt`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      {
        paragraph: `vielen Dank für Ihre Bestellung ${orderNumber(data.orderId)}. Wir bereiten sie vor.`,
      },
      {
        table: data.lines.map((line) => [
          `${line.quantity} × ${line.sku}`,
          money(line.lineTotal, reader.locale),
        ]),
      },
      {
        table: [
          ['Zwischensumme', money(data.subtotal, reader.locale)],
          ['Rabatte', money(data.discountTotal, reader.locale)],
          ['Steuer', money(data.taxTotal, reader.locale)],
          ['Versand', money(data.shipping, reader.locale)],
          ['Gesamt', money(data.total, reader.locale)],
        ],
      },
      { paragraph: `Bestellreferenz: ${data.orderId}` },
    ],
  }),
  'order-cancelled': (data, reader) => ({
    subject: `Ihre Bestellung ${orderNumber(data.orderId)} wurde storniert`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      {
        paragraph: `leider wurde Ihre Bestellung ${orderNumber(data.orderId)} storniert. ${data.reason}`,
      },
      { paragraph: 'Es wurde nichts abgebucht; eine Reservierung auf Ihrer Karte wird freigegeben.' },
    ],
  }),
  'order-shipped': (data, reader) => ({
    subject: `Ihre Bestellung ${orderNumber(data.orderId)} ist unterwegs`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      { paragraph: `${data.carrier} hat Ihre Bestellung ${orderNumber(data.orderId)} abgeholt.` },
      { table: [['Sendungsnummer', data.trackingNumber]] },
    ],
  }),
  'order-delivered': (data, reader) => ({
    subject: `Ihre Bestellung ${orderNumber(data.orderId)} wurde zugestellt`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      { paragraph: `Ihre Bestellung ${orderNumber(data.orderId)} ist angekommen. Viel Freude damit!` },
    ],
  }),
  'refund-issued': (data, reader) => ({
    subject: `Erstattung zu Ihrer Bestellung ${orderNumber(data.orderId)}`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      {
        paragraph: `wir haben ${money(data.amount, reader.locale)} für Ihre Bestellung ${orderNumber(data.orderId)} erstattet${
          data.fullyRefunded ? ' (die ganze Zahlung)' : ''
        }. Der Betrag erscheint in wenigen Tagen auf Ihrer Karte.`,
      },
    ],
  }),
  'delivery-problem': (data, reader) => ({
    subject: data.returned
      ? `Ihre Bestellung ${orderNumber(data.orderId)} kommt zu uns zurück`
      : `Zustellversuch für Ihre Bestellung ${orderNumber(data.orderId)} fehlgeschlagen`,
    blocks: [
      { paragraph: greeting('Hallo', reader) },
      {
        paragraph: data.returned
          ? `der Versanddienst konnte Ihre Bestellung ${orderNumber(data.orderId)} nicht zustellen (${data.reason}) und schickt sie an uns zurück. Wir melden uns.`
          : `der Versanddienst konnte Ihre Bestellung ${orderNumber(data.orderId)} nicht zustellen (${data.reason}). Er versucht es erneut.`,
      },
      { table: [['Sendungsnummer', data.trackingNumber]] },
    ],
  }),
};

const TEMPLATES: Record<string, Templates> = { en, de };

function greeting(word: string, reader: Reader): string {
  return reader.name ? `${word} ${reader.name},` : `${word},`;
}

/** The language whose templates a locale gets: de-CH -> de; one without templates -> en. */
export function templateLanguage(locale: string): string {
  const language = locale.split('-')[0]?.toLowerCase() ?? '';
  return language in TEMPLATES ? language : 'en';
}

/** A notification written for its reader: subject, plain text and HTML, in their language. */
export function renderNotification(request: NotificationRequest, reader: Reader): RenderedMessage {
  const language = templateLanguage(reader.locale);
  const templates = TEMPLATES[language] ?? en;
  // Money is formatted in the reader's full locale when Intl knows it, else in the language's.
  const locale = Intl.NumberFormat.supportedLocalesOf([reader.locale]).length > 0 ? reader.locale : language;
  const written = renderWith(templates, request, { ...reader, locale });
  return renderBlocks(written.subject, written.blocks, language);
}

function renderWith(templates: Templates, request: NotificationRequest, reader: Reader) {
  switch (request.kind) {
    case 'welcome':
      return templates.welcome(request.data, reader);
    case 'order-confirmed':
      return templates['order-confirmed'](request.data, reader);
    case 'order-cancelled':
      return templates['order-cancelled'](request.data, reader);
    case 'order-shipped':
      return templates['order-shipped'](request.data, reader);
    case 'order-delivered':
      return templates['order-delivered'](request.data, reader);
    case 'refund-issued':
      return templates['refund-issued'](request.data, reader);
    case 'delivery-problem':
      return templates['delivery-problem'](request.data, reader);
  }
}
