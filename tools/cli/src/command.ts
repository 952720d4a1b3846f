import type { Environment } from './cli-settings.ts';

/** What a command gets from `main.ts`: its arguments and the process's surroundings, read once. */
export interface CommandContext {
  /** Arguments after the command name. */
  argv: readonly string[];
  env: Environment;
  repoRoot: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface Command {
  name: string;
  /** One line for `emporium help`. */
  summary: string;
  usage: string;
  /** Resolves with the exit status. */
  run(context: CommandContext): Promise<number>;
}
