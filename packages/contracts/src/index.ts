export { Address } from './address.ts';
export { Money } from './money.ts';
