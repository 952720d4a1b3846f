import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@emporium/platform/config';
import { PaymentsConfig, readPaymentsSettings } from '../src/config.ts';
import { TEST_CONFIG } from './fixtures/start-payments.ts';

const base = {
  DATABASE_URL: 'postgres://payments@127.0.0.1:5432/payments',
  IDENTITY_JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
};

describe('payments configuration', () => {
  it('requires a card fingerprint secret: there is no built-in default', () => {
    assert.throws(
      () => loadConfig('payments', PaymentsConfig, base),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((problem) => problem.startsWith('CARD_FINGERPRINT_SECRET: is required')),
    );
    assert.throws(
      () => loadConfig('payments', PaymentsConfig, { ...base, CARD_FINGERPRINT_SECRET: 'short' }),
      /CARD_FINGERPRINT_SECRET/,
    );
  });

  it('reads the secret from CARD_FINGERPRINT_SECRET_FILE, with defaults for the rest', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'payments-config-'));
    try {
      const file = join(folder, 'payments-card-fingerprint-secret');
      await writeFile(file, 'Ab3dEf-gH1jKl-Mn0pQr-St9vWx\n', { mode: 0o600 });
      const config = loadConfig('payments', PaymentsConfig, { ...base, CARD_FINGERPRINT_SECRET_FILE: file });
      assert.equal(config.CARD_FINGERPRINT_SECRET, 'Ab3dEf-gH1jKl-Mn0pQr-St9vWx');
      assert.equal(config.PORT, 4006);
      assert.equal(config.RPC_PORT, 4106);
      assert.equal(config.NETWORK_LATENCY_MS, '80-400');
      const settings = readPaymentsSettings(config);
      assert.deepEqual(settings.latency, { minMs: 80, maxMs: 400 });
      assert.deepEqual(settings.fraudRules.amountLimits.get('EUR'), {
        reviewAboveMinor: 500_000,
        declineAboveMinor: 2_000_000,
      });
      assert.deepEqual([...settings.fraudRules.amountLimits.keys()], ['EUR', 'USD', 'GBP', 'CHF']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reports every bad compound value at once', () => {
    assert.throws(
      () =>
        readPaymentsSettings({
          ...TEST_CONFIG,
          NETWORK_LATENCY_MS: '400-80',
          FRAUD_AMOUNT_LIMITS: 'EUR:500000:2000000,usd:1:2,GBP:9:1,JPY',
          FRAUD_REVIEW_SCORE: 90,
          FRAUD_DECLINE_SCORE: 80,
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 5 &&
        error.problems.some((problem) => problem.startsWith('NETWORK_LATENCY_MS: min above max')) &&
        error.problems.some((problem) => problem.includes('"usd:1:2"')) &&
        error.problems.some((problem) => problem.includes('"GBP:9:1"')) &&
        error.problems.some((problem) => problem.includes('"JPY"')) &&
        error.problems.some((problem) => problem.startsWith('FRAUD_REVIEW_SCORE')),
    );
    assert.throws(
      () =>
        loadConfig('payments', PaymentsConfig, {
          ...base,
          CARD_FINGERPRINT_SECRET: 'x'.repeat(20),
          NETWORK_LATENCY_MS: 'fast',
        }),
      /NETWORK_LATENCY_MS/,
    );
  });
});
