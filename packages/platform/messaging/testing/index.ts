export { type BusProbe, startBusProbe, waitUntilHandled } from './bus-probe.ts';
export { dataOf, eventsAbout, outboxEvents } from './outbox-events.ts';
export { eventOf, publishEvents } from './publish-events.ts';
