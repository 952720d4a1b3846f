export { serviceBaseConfig } from './base-config.ts';
export { ConfigError } from './config-error.ts';
export { type Environment, loadConfig } from './load-config.ts';
export { registerTypeboxFormats } from './typebox-formats.ts';
