import { create } from '@bufbuild/protobuf';
import { MoneySchema } from '@emporium/contracts/proto/common/v1/money';
import {
  AdjustmentSchema,
  QuotedLineSchema,
  type QuoteRequest as QuoteRequestMessage,
  type QuoteResponse,
  QuoteResponseSchema,
  TaxLineSchema,
} from '@emporium/contracts/proto/pricing/v1/pricing_service';
import type { Quote } from '../domain/quote.ts';
import type { QuoteRequestInput } from '../domain/quote-request.ts';

/** A QuoteRequest message as checkQuoteRequest reads it (proto3's "" is "absent"). */
export function quoteRequestInputOf(message: QuoteRequestMessage): QuoteRequestInput {
  return {
    lines: message.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    currency: message.currency,
    couponCode: message.couponCode,
    shipTo: message.shipTo && { country: message.shipTo.country, region: message.shipTo.region },
  };
}

/** A quote as the QuoteResponse message; int64 amounts become BigInt exactly (they are safe integers). */
export function toQuoteResponse(quote: Quote): QuoteResponse {
  const money = (amountMinor: number) =>
    create(MoneySchema, { amountMinor: BigInt(amountMinor), currency: quote.currency });
  return create(QuoteResponseSchema, {
    lines: quote.lines.map((line) =>
      create(QuotedLineSchema, {
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: money(line.unitPriceMinor),
        gross: money(line.grossMinor),
        adjustments: line.adjustments.map((adjustment) =>
          create(AdjustmentSchema, {
            code: adjustment.code,
            description: adjustment.description,
            amount: money(adjustment.amountMinor),
          }),
        ),
        net: money(line.netMinor),
        taxes: line.taxes.map((tax) =>
          create(TaxLineSchema, { name: tax.name, rateBps: tax.rateBps, amount: money(tax.amountMinor) }),
        ),
      }),
    ),
    subtotal: money(quote.subtotalMinor),
    discountTotal: money(quote.discountTotalMinor),
    taxTotal: money(quote.taxTotalMinor),
    total: money(quote.totalMinor),
    taxIncluded: quote.taxIncluded,
    couponCode: quote.couponCode ?? '',
  });
}
