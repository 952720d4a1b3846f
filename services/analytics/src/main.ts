import { runServiceProcess } from '@emporium/platform/host';
import { startHosted } from './hosted.ts';

// Process entry: `node --import tsx --import @emporium/platform/tracing/register src/main.ts`.
await runServiceProcess(() => startHosted(process.env));
