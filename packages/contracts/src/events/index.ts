export { allEvents } from './all-events.ts';
export { buildAsyncApiDocument, messageName } from './asyncapi-document.ts';
export { catalogEvents, ProductCreated, ProductDiscontinued, ProductUpdated } from './catalog-events.ts';
export { defineEvent, type EventData, type EventDefinition } from './define-event.ts';
export { identityEvents, UserRegistered, UserUpdated } from './identity-events.ts';
