import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertEuroCents, isSupportedCurrency } from '../src/domain/currency-conversion.ts';
import { quoteRates, rateFor } from '../src/domain/rate-card.ts';
import { isCountryCode, zoneOf } from '../src/domain/shipping-zones.ts';
import { seedRateCard } from './fixtures/seed-rate-card.ts';

const card = seedRateCard();
const quote = (country: string, weightGrams: number, currency = 'EUR') =>
  quoteRates(card, { country, weightGrams, currency });
const offer = (rates: ReturnType<typeof quote>) =>
  rates.map((rate) => `${rate.carrier}/${rate.serviceLevel}`);

describe('zones from the warehouse in the Netherlands', () => {
  it('puts NL at home, EU members in eu, the rest of Europe in europe, everything else in world', () => {
    assert.equal(zoneOf('NL'), 'domestic');
    for (const country of ['DE', 'BE', 'FR', 'PL', 'IE', 'CY']) assert.equal(zoneOf(country), 'eu', country);
    for (const country of ['CH', 'GB', 'NO', 'IS', 'RS', 'UA'])
      assert.equal(zoneOf(country), 'europe', country);
    for (const country of ['US', 'JP', 'BR', 'AU', 'ZA', 'TR'])
      assert.equal(zoneOf(country), 'world', country);
  });

  it('knows ISO 3166-1 alpha-2 codes and nothing else', () => {
    for (const code of ['NL', 'DE', 'US', 'XK', 'AQ']) assert.ok(isCountryCode(code), code);
    for (const code of ['EU', 'UK', 'ZZ', 'nl', 'NLD', '']) assert.ok(!isCountryCode(code), code);
  });
});

describe('rate tables', () => {
  it('prices by the smallest bracket that holds the weight, boundaries included', () => {
    const price = (weightGrams: number) => {
      const rate = rateFor(card, {
        carrier: 'parcelpost',
        serviceLevel: 'standard',
        country: 'NL',
        weightGrams,
        currency: 'EUR',
      });
      assert.ok('priceMinor' in rate, `priced at ${weightGrams} g`);
      return rate.priceMinor;
    };
    assert.equal(price(1), 495);
    assert.equal(price(1_000), 495);
    assert.equal(price(1_001), 595);
    assert.equal(price(5_000), 695);
    assert.equal(price(30_000), 1995);
  });

  it('charges more the further the parcel goes', () => {
    const standard = (country: string) =>
      quote(country, 1_500).find((rate) => rate.carrier === 'parcelpost' && rate.serviceLevel === 'standard');
    const prices = ['NL', 'DE', 'CH', 'US'].map((country) => standard(country)?.priceMinor);
    assert.deepEqual(prices, [595, 1095, 1795, 3295]);
    assert.deepEqual(
      ['NL', 'DE', 'CH', 'US'].map((country) => standard(country)?.zone),
      ['domestic', 'eu', 'europe', 'world'],
    );
  });

  it('lists every carrier and level that delivers, cheapest first', () => {
    const rates = quote('DE', 1_500);
    assert.deepEqual(offer(rates), [
      'ecofreight/standard',
      'parcelpost/standard',
      'parcelpost/express',
      'swiftship/express',
    ]);
    const prices = rates.map((rate) => rate.priceMinor);
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => a - b),
    );
    assert.deepEqual(rates[0], {
      carrier: 'ecofreight',
      carrierName: 'EcoFreight',
      serviceLevel: 'standard',
      zone: 'eu',
      priceMinor: 695,
      currency: 'EUR',
      estimatedDaysMin: 3,
      estimatedDaysMax: 6,
    });
  });

  it('leaves out carriers that do not serve the zone, the country, or the weight', () => {
    // EcoFreight drives within the EU only, and not to its islands.
    assert.ok(!offer(quote('US', 500)).includes('ecofreight/standard'));
    assert.ok(!offer(quote('CH', 500)).includes('ecofreight/standard'));
    assert.ok(!offer(quote('MT', 500)).includes('ecofreight/standard'));
    // SwiftShip has no partner on Pitcairn; the post does.
    assert.deepEqual(offer(quote('PN', 500)), ['parcelpost/standard', 'parcelpost/express']);
    // SwiftShip takes up to 20 kg.
    assert.ok(offer(quote('DE', 20_000)).includes('swiftship/express'));
    assert.ok(!offer(quote('DE', 20_001)).includes('swiftship/express'));
    // Nobody delivers to Antarctica.
    assert.deepEqual(quote('AQ', 500), []);
  });

  it('says why one carrier and level cannot take a parcel', () => {
    const parcel = { country: 'US', weightGrams: 1_000, currency: 'EUR' };
    assert.equal(
      (rateFor(card, { ...parcel, carrier: 'dhl', serviceLevel: 'standard' }) as { reason: string }).reason,
      'unknown-carrier',
    );
    assert.deepEqual(rateFor(card, { ...parcel, carrier: 'swiftship', serviceLevel: 'standard' }), {
      reason: 'unknown-service-level',
      offered: ['express'],
    });
    assert.deepEqual(rateFor(card, { ...parcel, carrier: 'ecofreight', serviceLevel: 'standard' }), {
      reason: 'destination-not-served',
      zone: 'world',
    });
    assert.deepEqual(
      rateFor(card, { ...parcel, weightGrams: 25_000, carrier: 'swiftship', serviceLevel: 'express' }),
      {
        reason: 'too-heavy',
        maxWeightGrams: 20_000,
      },
    );
  });
});

describe('currencies', () => {
  it('converts euro cents at fixed rates, rounding half up to the minor unit', () => {
    assert.equal(convertEuroCents(1095, 'EUR'), 1095);
    assert.equal(convertEuroCents(1095, 'USD'), 1183); // 10.95 × 1.08 = 11.826
    assert.equal(convertEuroCents(1095, 'GBP'), 931); // 10.95 × 0.85 = 9.3075
    assert.equal(convertEuroCents(1095, 'JPY'), 1752); // 10.95 × 160 = 1752 yen, no minor unit
    assert.equal(convertEuroCents(1, 'JPY'), 2); // 1.6 yen rounds to 2
  });

  it('quotes in a supported currency and knows which it does not support', () => {
    assert.deepEqual(
      quote('NL', 500, 'SEK').map((rate) => [rate.currency, rate.priceMinor]),
      [
        ['SEK', 4543],
        ['SEK', 5693],
        ['SEK', 10293],
        ['SEK', 11443],
      ],
    );
    assert.ok(isSupportedCurrency('CHF'));
    for (const currency of ['XYZ', 'eur', 'BTC', '', 'constructor', 'toString']) {
      assert.ok(!isSupportedCurrency(currency), currency);
    }
  });
});
