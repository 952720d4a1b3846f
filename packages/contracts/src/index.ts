export { Address } from './address.ts';
export * from './events/index.ts';
export { Money } from './money.ts';
