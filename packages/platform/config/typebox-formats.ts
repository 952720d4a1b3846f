import { FormatRegistry } from '@sinclair/typebox';

const FORMATS: Record<string, (value: string) => boolean> = {
  uri: (value) => URL.canParse(value),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
};

/**
 * TypeBox's own checks (Value, TypeCompiler) know no string formats until they are
 * registered; HTTP validation uses ajv-formats instead. Registered once per process.
 */
export function registerTypeboxFormats(): void {
  for (const [name, check] of Object.entries(FORMATS)) {
    if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
  }
}
