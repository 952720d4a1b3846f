import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../src/cli-error.ts';
import { type DeadLetter, formatDeadLetter, formatDeadLetterList } from '../src/commands/dlq-command.ts';
import { parseDlqArgs } from '../src/commands/dlq-options.ts';
import { emporiumEnv, runEmporium } from './run-emporium.ts';

const letter: DeadLetter = {
  id: '7',
  group: 'catalog.welcome',
  eventId: '0b7e…',
  type: 'emporium.identity.user.registered.v1',
  error: 'gave up after 5 attempts: the welcome desk is closed',
  attempts: 5,
  createdAt: '2026-01-02T03:04:05.000Z',
  replayedAt: null,
  body: '{"id":"0b7e","data":{"name":"Dora"}}',
};

test('dlq reads list, show and replay with their options', () => {
  assert.deepEqual(parseDlqArgs(['list']), { action: 'list', service: undefined, json: false });
  assert.deepEqual(parseDlqArgs(['list', '--service', 'catalog', '--json']), {
    action: 'list',
    service: 'catalog',
    json: true,
  });
  assert.deepEqual(parseDlqArgs(['show', 'catalog', '7']), {
    action: 'show',
    service: 'catalog',
    id: '7',
    json: false,
  });
  assert.deepEqual(parseDlqArgs(['replay', 'catalog', '7', '--force']), {
    action: 'replay',
    service: 'catalog',
    id: '7',
    force: true,
    json: false,
  });
  assert.deepEqual(parseDlqArgs(['--help']), { action: 'help' });
});

test('dlq refuses wrong arguments with a usage error (exit status 2)', () => {
  for (const argv of [
    [],
    ['purge'],
    ['show', 'catalog'],
    ['replay', 'catalog', 'abc'],
    ['list', 'catalog'],
    ['show', 'catalog', '7', '--force'],
    ['list', '--bogus'],
  ]) {
    assert.throws(
      () => parseDlqArgs(argv),
      (error: unknown) => error instanceof CliError && error.code === 'USAGE' && error.exitCode === 2,
      argv.join(' '),
    );
  }
});

test('dlq list prints a table per service and says which services have no consumers', () => {
  const text = formatDeadLetterList([
    { name: 'identity', status: 'no-consumers' },
    { name: 'catalog', status: 'ok', deadLetters: [letter] },
    { name: 'orders', status: 'ok', deadLetters: [] },
  ]);
  assert.match(text, /^identity: no event consumers \(skipped\)$/m);
  assert.match(text, /^catalog: 1 dead letter$/m);
  assert.match(text, /^ {2}id +group +type +attempts +created +replayed +error$/m);
  assert.match(
    text,
    /^ {2}7 +catalog\.welcome +emporium\.identity\.user\.registered\.v1 +5 +\S+ +- +gave up/m,
  );
  assert.match(text, /^orders: no dead letters$/m);
});

test('dlq show prints the fields and the body as indented JSON', () => {
  const text = formatDeadLetter('catalog', letter);
  assert.match(text, /^catalog dead letter 7$/m);
  assert.match(text, /^ {2}replayed: +no$/m);
  assert.match(text, /^ {4}"name": "Dora"$/m);
});

test('dlq says nothing runs, exit status 1, with an empty EMPORIUM_HOME', async () => {
  const home = await mkdtemp(join(tmpdir(), 'emporium-dlq-test-'));
  try {
    const { code, stderr } = await runEmporium(['dlq', 'list'], emporiumEnv({ EMPORIUM_HOME: home }));
    assert.equal(code, 1);
    assert.match(stderr, /not running/);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
