export { type BusProbe, startBusProbe } from './bus-probe.ts';
export { dataOf, eventsAbout, outboxEvents } from './outbox-events.ts';
