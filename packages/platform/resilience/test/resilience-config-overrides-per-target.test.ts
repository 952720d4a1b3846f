import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@emporium/platform/config';
import {
  createResilience,
  defaultCallPolicySettings,
  resilienceConfig,
  resilienceOptionsFromConfig,
} from '@emporium/platform/resilience';
import { Type } from '@sinclair/typebox';

const Schema = Type.Object(resilienceConfig());

function refusal(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('resilience configuration', () => {
  it('defaults to the documented settings', () => {
    const config = loadConfig('orders', Schema, {});
    const { defaults } = resilienceOptionsFromConfig(config);
    assert.deepEqual(defaults, defaultCallPolicySettings);
    assert.deepEqual(createResilience().policyFor('catalog').settings, defaultCallPolicySettings);
  });

  it('applies the variables to every target and RPC_POLICIES over them, group by group', () => {
    const config = loadConfig('orders', Schema, {
      RPC_TIMEOUT_MS: '1500',
      RPC_BREAKER_FAILURES: '7',
      RPC_BULKHEAD_QUEUE: '0',
      RPC_POLICIES: '{"catalog":{"timeoutMs":500,"breaker":{"consecutiveFailures":3}}}',
    });
    const resilience = createResilience(resilienceOptionsFromConfig(config));
    assert.deepEqual(resilience.policyFor('catalog').settings, {
      ...defaultCallPolicySettings,
      timeoutMs: 500,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 5000 },
      bulkhead: { limit: 64, queue: 0 },
    });
    assert.deepEqual(resilience.policyFor('payments').settings, {
      ...defaultCallPolicySettings,
      timeoutMs: 1500,
      breaker: { consecutiveFailures: 7, halfOpenAfterMs: 5000 },
      bulkhead: { limit: 64, queue: 0 },
    });
  });

  it('refuses values below their minimum at start', () => {
    const error = refusal(() => loadConfig('orders', Schema, { RPC_BULKHEAD_LIMIT: '0' }));
    assert.match(error.problems.join('\n'), /RPC_BULKHEAD_LIMIT: .*greater or equal to 1, got "?0"?$/);
  });

  it('names the key of RPC_POLICIES that is wrong', () => {
    const misspelt = refusal(() =>
      resilienceOptionsFromConfig(
        { RPC_POLICIES: '{"catalog":{"breaker":{"consecutiveFailurs":3}}}' },
        'orders',
      ),
    );
    assert.equal(misspelt.service, 'orders');
    assert.deepEqual(misspelt.problems, [
      'RPC_POLICIES: catalog.breaker.consecutiveFailurs: is not a setting (known: consecutiveFailures, halfOpenAfterMs)',
    ]);

    const tooSmall = refusal(() =>
      resilienceOptionsFromConfig({ RPC_POLICIES: '{"catalog":{"timeoutMs":0}}' }),
    );
    assert.match(tooSmall.problems.join('\n'), /^RPC_POLICIES: catalog\.timeoutMs: .*1, got 0$/);

    const notJson = refusal(() =>
      resilienceOptionsFromConfig({ RPC_POLICIES: '{catalog: {timeoutMs: 500}}' }),
    );
    assert.match(notJson.problems.join('\n'), /^RPC_POLICIES: is not valid JSON/);
  });
});
