import pc from 'picocolors';

export type Palette = ReturnType<typeof pc.createColors>;
type Paint = (text: string) => string;

/** Where a line comes from: the supervisor itself, PostgreSQL, or a service by name. */
export const SUPERVISOR_SOURCE = 'emporium';
export const POSTGRES_SOURCE = 'postgres';

export interface PrefixedOutputOptions {
  /** Service names, in order; each gets its own colour. */
  services: readonly string[];
  color: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Interleaves the output of several processes the way `docker compose up` does: every line
 * starts with its source's name, padded to one width and coloured per source, so a reader
 * can follow one service through the others' lines. Colour only on a terminal.
 */
export class PrefixedOutput {
  readonly colors: Palette;
  readonly #width: number;
  readonly #separator: string;
  readonly #paints = new Map<string, Paint>();
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;

  constructor(options: PrefixedOutputOptions) {
    this.colors = pc.createColors(options.color);
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    const sources = [SUPERVISOR_SOURCE, POSTGRES_SOURCE, ...options.services];
    this.#width = Math.max(...sources.map((source) => source.length));
    this.#separator = options.color ? this.colors.dim(' │ ') : ' | ';
    const palette: Paint[] = [
      this.colors.cyan,
      this.colors.magenta,
      this.colors.green,
      this.colors.yellow,
      this.colors.blueBright,
      this.colors.redBright,
      this.colors.cyanBright,
      this.colors.magentaBright,
    ];
    this.#paints.set(SUPERVISOR_SOURCE, this.colors.bold);
    this.#paints.set(POSTGRES_SOURCE, this.colors.blue);
    options.services.forEach((service, index) => {
      this.#paints.set(service, palette[index % palette.length] ?? this.colors.reset);
    });
  }

  /** One line (or several, split on newlines) from `source`. */
  line(source: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const paint = this.#paints.get(source) ?? this.colors.reset;
    const prefix = `${paint(source.padEnd(this.#width))}${this.#separator}`;
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    (stream === 'stdout' ? this.#stdout : this.#stderr).write(
      lines.map((line) => `${prefix}${line}\n`).join(''),
    );
  }

  /** What the supervisor is doing. */
  note(text: string): void {
    this.line(SUPERVISOR_SOURCE, text);
  }

  /** Something the operator should notice, such as a crash and its restart. */
  warn(text: string): void {
    this.line(SUPERVISOR_SOURCE, this.colors.yellow(text));
  }

  error(text: string): void {
    this.line(SUPERVISOR_SOURCE, this.colors.red(text), 'stderr');
  }

  /** Unprefixed text, for the summary table. */
  block(text: string): void {
    this.#stdout.write(`${text}\n`);
  }
}
