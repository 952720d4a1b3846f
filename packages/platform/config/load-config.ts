import { readFileSync } from 'node:fs';
import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from './config-error.ts';
import { registerTypeboxFormats } from './typebox-formats.ts';

registerTypeboxFormats();

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads a service's configuration from the environment, once, at start.
 *
 * Each property of `schema` is an environment variable name. A secret may be given as
 * `<NAME>_FILE`, a path whose contents (trailing newline trimmed) become the value, so
 * secrets can come from mounted files (Kubernetes Secrets, Docker secrets) instead of
 * the process environment. Every missing or invalid variable is reported in one error.
 */
export function loadConfig<T extends TObject>(
  service: string,
  schema: T,
  env: Environment = process.env,
): Static<T> {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(schema.properties)) {
    const fromFile = env[`${name}_FILE`];
    if (fromFile !== undefined && fromFile !== '') {
      try {
        raw[name] = readFileSync(fromFile, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        problems.push(
          `${name}_FILE: cannot read ${fromFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    } else if (env[name] !== undefined && env[name] !== '') {
      raw[name] = env[name];
    }
  }

  const value = Value.Convert(schema, Value.Default(schema, raw));
  for (const error of Value.Errors(schema, value)) {
    const name = error.path.replace(/^\//, '').split('/')[0] ?? error.path;
    const given = raw[name];
    problems.push(
      given === undefined
        ? `${name}: is required (${describe(schema, name)})`
        : `${name}: ${error.message.toLowerCase()}, got ${JSON.stringify(given)}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(service, [...new Set(problems)]);
  return value as Static<T>;
}

function describe(schema: TObject, name: string): string {
  const property = schema.properties[name];
  return property?.description ?? 'no description';
}
