import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import { type Static, Type } from '@sinclair/typebox';
import { COUNTRY_PATTERN, MAX_TAX_RATE_BPS, REGION_PATTERN, type TaxRule } from '../domain/tax-rule.ts';
import { listTaxRules, upsertTaxRule } from '../store/tax-rules-store.ts';
import { Line } from './field-schemas.ts';
import { ADMIN_SECURITY, type RouteOptions } from './route-options.ts';

const ADMIN = { tags: ['tax rules (admin)'], security: ADMIN_SECURITY };

const Country = Type.String({ pattern: COUNTRY_PATTERN, description: 'ISO 3166-1 alpha-2: DE' });
const Region = Type.String({
  pattern: REGION_PATTERN,
  description: 'ISO 3166-2 subdivision without the country: CA',
});

const TaxRuleBody = Type.Object(
  {
    rateBps: Type.Integer({ minimum: 0, maximum: MAX_TAX_RATE_BPS, description: 'Basis points: 1900 = 19%' }),
    name: Line(80, 'Shown on every taxed line: "DE VAT"'),
    taxIncluded: Type.Boolean({
      description: 'true: list prices include it (VAT); false: added on top (US sales tax)',
    }),
  },
  { additionalProperties: false },
);

const TaxRuleView = Type.Object(
  {
    country: Type.String(),
    region: Type.Union([Type.String(), Type.Null()], { description: 'null for the country-wide rule' }),
    rateBps: Type.Integer(),
    name: Type.String(),
    taxIncluded: Type.Boolean(),
  },
  { additionalProperties: false },
);

/**
 * Tax rules, for admins. A region's rule wins over its country's; a destination with neither
 * cannot be quoted (NO_TAX_RULE), so adding a rule, even at 0%, is how a country is opened.
 */
export function adminTaxRuleRoutes(app: HttpServer, { db, requireAdmin, clock }: RouteOptions): void {
  app.get(
    '/admin/tax-rules',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Every tax rule, by country, the country-wide rule before the regional ones',
        response: {
          200: Type.Object({ taxRules: Type.Array(TaxRuleView) }, { additionalProperties: false }),
        },
      },
    },
    async () => ({ taxRules: await listTaxRules(db) }),
  );

  const put = (country: string, region: string | null, body: Static<typeof TaxRuleBody>, http: Http) => {
    const rule: TaxRule = { country, region, ...body };
    return runIdempotentRequest(
      db,
      http,
      { scope: 'pricing.put-tax-rule', request: rule, keyRequired: false },
      async (trx) => {
        await upsertTaxRule(trx, rule, clock());
        return rule;
      },
    );
  };

  app.put(
    '/admin/tax-rules/:country',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: "Set a country's country-wide tax rule (applies where no regional rule does)",
        description: 'Takes an optional Idempotency-Key. Applies to quotes from now on.',
        params: Type.Object({ country: Country }, { additionalProperties: false }),
        body: TaxRuleBody,
        response: { 200: TaxRuleView },
      },
    },
    (request, reply) => put(request.params.country, null, request.body, { request, reply }),
  );

  app.put(
    '/admin/tax-rules/:country/:region',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: "Set a region's tax rule (a US state's sales tax)",
        description: 'Takes an optional Idempotency-Key. Applies to quotes from now on.',
        params: Type.Object({ country: Country, region: Region }, { additionalProperties: false }),
        body: TaxRuleBody,
        response: { 200: TaxRuleView },
      },
    },
    (request, reply) => put(request.params.country, request.params.region, request.body, { request, reply }),
  );
}

type Http = Parameters<typeof runIdempotentRequest>[1];
