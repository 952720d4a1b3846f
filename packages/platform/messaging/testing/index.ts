export { dataOf, eventsAbout, outboxEvents } from './outbox-events.ts';
