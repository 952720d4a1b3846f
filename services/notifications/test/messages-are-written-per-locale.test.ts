/** The templates: each kind in English and German, money exact, and names never read as HTML. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moneyText, orderNumber } from '../src/domain/money-text.ts';
import { renderNotification, templateLanguage } from '../src/templates/message-templates.ts';

const orderId = '3f2a9c1e-0000-4000-8000-000000000001';

describe('message templates', () => {
  it('write money exactly in the reader locale', () => {
    assert.equal(moneyText({ amountMinor: 123_450, currency: 'EUR' }, 'en'), '€1,234.50');
    assert.equal(
      moneyText({ amountMinor: 123_450, currency: 'EUR' }, 'de-DE'),
      '1.234,50\u00a0€',
      'with a no-break space',
    );
    assert.equal(moneyText({ amountMinor: 5, currency: 'USD' }, 'en'), '$0.05');
    assert.equal(moneyText({ amountMinor: -5, currency: 'USD' }, 'en'), '-$0.05');
    assert.equal(moneyText({ amountMinor: 1_500, currency: 'JPY' }, 'en'), '¥1,500');
    assert.equal(
      moneyText({ amountMinor: 900_719_925_474_099, currency: 'EUR' }, 'en'),
      '€9,007,199,254,740.99',
    );
    assert.equal(orderNumber(orderId), '3F2A9C1E');
  });

  it('pick the language of the locale, English when there are no templates for it', () => {
    assert.equal(templateLanguage('de-CH'), 'de');
    assert.equal(templateLanguage('en-GB'), 'en');
    assert.equal(templateLanguage('ja'), 'en');
  });

  it('write a German confirmation with totals in German format', () => {
    const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
    const message = renderNotification(
      {
        kind: 'order-confirmed',
        data: {
          orderId,
          lines: [{ sku: 'ELEC-HEAD-0001', quantity: 2, lineTotal: eur(15_998) }],
          subtotal: eur(15_998),
          discountTotal: eur(-1_000),
          taxTotal: eur(2_394),
          shipping: eur(490),
          total: eur(17_882),
        },
      },
      { name: 'Lise', locale: 'de-DE' },
    );
    assert.equal(message.subject, 'Ihre Bestellung 3F2A9C1E ist bestätigt');
    assert.match(message.text, /^Hallo Lise,/);
    assert.match(message.text, /Gesamt: 178,82\u00a0€/);
    assert.match(message.html, /<html lang="de">/);
  });

  it('escape names and reasons in HTML and greet without a name when none is known', () => {
    const message = renderNotification(
      {
        kind: 'order-cancelled',
        data: { orderId, reasonCode: 'OUT_OF_STOCK', reason: '<script>alert(1)</script> & more' },
      },
      { name: '<b>Eve</b>', locale: 'en' },
    );
    assert.ok(!message.html.includes('<script>'));
    assert.ok(!message.html.includes('<b>Eve</b>'));
    assert.match(message.html, /&lt;b&gt;Eve&lt;\/b&gt;/);
    assert.match(message.text, /<script>alert\(1\)<\/script> & more/, 'plain text stays as written');
    const anonymous = renderNotification(
      { kind: 'order-delivered', data: { orderId } },
      { name: null, locale: 'fr-FR' },
    );
    assert.match(anonymous.text, /^Hello,\n/);
  });
});
