#!/usr/bin/env node
// The `emporium` command as installed by npm: loads tsx's loader into this process, then
// runs the TypeScript entry, so arguments, signals and the exit status are this process's own.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/main.ts', import.meta.url).href);
