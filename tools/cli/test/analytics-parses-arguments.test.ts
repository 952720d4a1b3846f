import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { parseAnalyticsArgs } from '../src/commands/analytics-command.ts';

describe('emporium analytics', () => {
  it('reads rebuild and its options', () => {
    assert.deepEqual(parseAnalyticsArgs(['rebuild']), { action: 'rebuild', json: false });
    assert.deepEqual(parseAnalyticsArgs(['rebuild', '--json']), { action: 'rebuild', json: true });
    assert.deepEqual(parseAnalyticsArgs(['--help']), { action: 'help' });
    assert.deepEqual(parseAnalyticsArgs(['rebuild', '-h']), { action: 'help' });
  });

  it('refuses what it does not know with the usage (exit status 2)', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /name an action: rebuild/],
      [['replay'], /unknown action "replay"/],
      [['rebuild', 'now'], /unexpected argument "now"/],
      [['rebuild', '--force'], /Unknown option '--force'/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(
        () => parseAnalyticsArgs(argv),
        (error: unknown) =>
          error instanceof CliError &&
          error.exitCode === 2 &&
          message.test(error.message) &&
          error.message.includes('Usage: emporium analytics rebuild'),
        argv.join(' '),
      );
    }
  });
});
