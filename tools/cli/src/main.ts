/**
 * `emporium <command>`: the operator's entry point (`npm start` runs `emporium up`).
 * A composition root: reads the process's arguments and environment once and hands them to
 * the command.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { CliError } from './cli-error.ts';
import { colorEnabled } from './cli-settings.ts';
import type { Command, CommandContext } from './command.ts';
import { analyticsCommand } from './commands/analytics-command.ts';
import { callCommand } from './commands/call-command.ts';
import { checkCommand } from './commands/check-command.ts';
import { dlqCommand } from './commands/dlq-command.ts';
import { sagasCommand } from './commands/sagas-command.ts';
import { statusCommand } from './commands/status-command.ts';
import { upCommand } from './commands/up-command.ts';

const COMMANDS: readonly Command[] = [
  upCommand,
  statusCommand,
  callCommand,
  dlqCommand,
  checkCommand,
  sagasCommand,
  analyticsCommand,
];

const repoRoot = join(import.meta.dirname, '..', '..', '..');

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length), 'help'.length);
  return [
    'Usage: emporium <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  show this help, or a command's: emporium help <command>`,
    '',
    'From the repository: `npm start` (= emporium up), `npm run emporium -- <command>`.',
    'Options, environment variables and files: tools/cli/README.md',
    '',
  ].join('\n');
}

async function main(argv: readonly string[], context: Omit<CommandContext, 'argv'>): Promise<number> {
  const commandAt = argv.findIndex((arg) => !arg.startsWith('-'));
  const globalArgs = commandAt === -1 ? argv : argv.slice(0, commandAt);
  let help: boolean;
  try {
    help =
      parseArgs({
        args: [...globalArgs],
        options: { help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: false,
      }).values.help === true;
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}\n\n${generalHelp()}`, 2);
  }
  const name = commandAt === -1 ? undefined : argv[commandAt];
  const rest = commandAt === -1 ? [] : argv.slice(commandAt + 1);

  if (name === 'help') {
    const topic = rest[0];
    const command = COMMANDS.find((candidate) => candidate.name === topic);
    if (topic !== undefined && !command) throw unknownCommand(topic);
    context.stdout.write(command?.usage ?? generalHelp());
    return 0;
  }
  if (name === undefined) {
    (help ? context.stdout : context.stderr).write(generalHelp());
    return help ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw unknownCommand(name);
  return command.run({ ...context, argv: help ? ['--help', ...rest] : rest });
}

function unknownCommand(name: string): CliError {
  return new CliError('USAGE', `unknown command "${name}"\n\n${generalHelp()}`, 2);
}

const context = { env: process.env, repoRoot, stdout: process.stdout, stderr: process.stderr };
try {
  process.exitCode = await main(process.argv.slice(2), context);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  const colors = pc.createColors(colorEnabled(process.env, process.stderr.isTTY === true));
  process.stderr.write(`${colors.red(`emporium: ${error.message.trimEnd()}`)}\n`);
  process.exitCode = error.exitCode;
}
