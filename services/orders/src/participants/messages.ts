import { create } from '@bufbuild/protobuf';
import { type Money, MoneySchema } from '@emporium/contracts/proto/common/v1/money';
import { type PostalAddress, PostalAddressSchema } from '@emporium/contracts/proto/common/v1/postal_address';
import type { ShipTo } from '../store/database.ts';

/** Money as the contracts carry it: int64 minor units (a BigInt here) and an ISO 4217 code. */
export function moneyMessage(amountMinor: number, currency: string): Money {
  return create(MoneySchema, { amountMinor: BigInt(amountMinor), currency });
}

/**
 * A participant's Money as a number of minor units, checked: present, in the currency asked,
 * and within the integers a number holds exactly (any real amount is). Anything else is a
 * broken answer, not something to round.
 */
export function minorOf(money: Money | undefined, currency: string, what: string): number {
  if (!money) throw new Error(`${what}: the answer has no amount`);
  if (money.currency !== currency) {
    throw new Error(`${what}: the answer is in ${money.currency || 'no currency'}, not ${currency}`);
  }
  const minor = Number(money.amountMinor);
  if (!Number.isSafeInteger(minor)) throw new Error(`${what}: ${money.amountMinor} is out of range`);
  return minor;
}

/** The ship-to address as shipping, pricing and payments read it. */
export function postalAddressOf(shipTo: ShipTo): PostalAddress {
  return create(PostalAddressSchema, {
    country: shipTo.country,
    region: shipTo.region ?? '',
    postalCode: shipTo.postalCode,
    city: shipTo.city,
    lines: shipTo.line2 ? [shipTo.line1, shipTo.line2] : [shipTo.line1],
    recipient: shipTo.name,
  });
}
