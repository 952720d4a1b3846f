import type { Kysely } from 'kysely';
import type { TaxRule } from '../domain/tax-rule.ts';
import type { PricingDatabase } from './database.ts';

function toTaxRule(row: {
  country: string;
  region: string;
  rate_bps: number;
  name: string;
  tax_included: boolean;
}): TaxRule {
  return {
    country: row.country,
    region: row.region === '' ? null : row.region,
    rateBps: row.rate_bps,
    name: row.name,
    taxIncluded: row.tax_included,
  };
}

const COLUMNS = ['country', 'region', 'rate_bps', 'name', 'tax_included'] as const;

/** The country-wide rule and every regional rule of one country. */
export async function taxRulesOfCountry(db: Kysely<PricingDatabase>, country: string): Promise<TaxRule[]> {
  const rows = await db.selectFrom('tax_rules').select(COLUMNS).where('country', '=', country).execute();
  return rows.map(toTaxRule);
}

/** Every rule, by country, the country-wide one first, then regions alphabetically. */
export async function listTaxRules(db: Kysely<PricingDatabase>): Promise<TaxRule[]> {
  const rows = await db
    .selectFrom('tax_rules')
    .select(COLUMNS)
    .orderBy('country')
    .orderBy('region')
    .execute();
  return rows.map(toTaxRule);
}

/** A rule as its row: the country-wide rule's region is ''. */
export function taxRuleRow(rule: TaxRule, now: Date) {
  return {
    country: rule.country,
    region: rule.region ?? '',
    rate_bps: rule.rateBps,
    name: rule.name,
    tax_included: rule.taxIncluded,
    updated_at: now,
  };
}

/** Adds the rule, or replaces the one for the same country and region. */
export async function upsertTaxRule(db: Kysely<PricingDatabase>, rule: TaxRule, now: Date): Promise<void> {
  const values = taxRuleRow(rule, now);
  await db
    .insertInto('tax_rules')
    .values(values)
    .onConflict((conflict) =>
      conflict.columns(['country', 'region']).doUpdateSet({
        rate_bps: values.rate_bps,
        name: values.name,
        tax_included: values.tax_included,
        updated_at: now,
      }),
    )
    .execute();
}
