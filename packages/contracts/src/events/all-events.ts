import { catalogEvents } from './catalog-events.ts';
import type { EventDefinition } from './define-event.ts';
import { identityEvents } from './identity-events.ts';

/** Every integration event of the platform; the AsyncAPI document is generated from this list. */
export const allEvents: readonly EventDefinition[] = [...identityEvents, ...catalogEvents];
