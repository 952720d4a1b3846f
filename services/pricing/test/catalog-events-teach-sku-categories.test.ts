import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EventData, ProductCreated, ProductUpdated } from '@emporium/contracts';
import { createCloudEvent, createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { publishEvents } from '@emporium/platform/messaging/testing';
import {
  bodyOf,
  createTestDatabase,
  type jsonClient,
  type TestDatabase,
  type TestService,
  waitFor,
} from '@emporium/platform/testing';
import type { PricingDatabase } from '../src/store/database.ts';
import type { QuoteView } from './fixtures/quote-view.ts';
import { type PricingWithAdmin, startPricingWithAdmin } from './fixtures/start-pricing.ts';

const AUDIO_WEEK = 'promotion:5eed0000-0000-4000-8000-000000000006';
const SKU = 'TEST-SPEAKER-0001';

// A real PostgreSQL bus (pg-boss in a database of its own): the catalog's events arrive as
// they would from the catalog's outbox relay, and pricing's relay sends its own.
describe("pricing learns SKU categories from the catalog's events", () => {
  let bus: TestDatabase;
  let catalogSide: EventTransport;
  let rig: PricingWithAdmin;
  let pricing: TestService<PricingDatabase>;
  let api: ReturnType<typeof jsonClient>;

  before(async () => {
    bus = await createTestDatabase('pricing_bus');
    rig = await startPricingWithAdmin({ busDatabaseUrl: bus.url });
    ({ pricing, api } = rig);
    catalogSide = await createPostgresTransport({ url: bus.url });
    const priced = await api('PUT', `/admin/prices/${SKU}/EUR`, { amountMinor: 10_000 }, rig.admin);
    assert.equal(priced.status, 200, 'a SKU may be priced before the catalog has told pricing about it');
  });
  after(async () => {
    await catalogSide?.close();
    await rig?.close();
    await bus?.drop();
  });

  async function publishFromCatalog(
    definition: typeof ProductCreated | typeof ProductUpdated,
    data: EventData<typeof ProductCreated>,
  ): Promise<void> {
    const event = createCloudEvent('catalog', definition, { subject: data.sku, data });
    await publishEvents(catalogSide, event);
  }
  const categoryOf = async (sku: string) =>
    (
      await pricing.database.db
        .selectFrom('product_categories')
        .select('category_slug')
        .where('sku', '=', sku)
        .executeTakeFirst()
    )?.category_slug;
  const adjustmentsOf = async () => {
    const quote = await bodyOf<QuoteView>(
      await api('POST', '/quotes', {
        lines: [{ sku: SKU, quantity: 1 }],
        currency: 'EUR',
        shipTo: { country: 'DE' },
      }),
    );
    return quote.lines[0]?.adjustments.map((adjustment) => adjustment.code);
  };
  const product = (categorySlug: string, changedAt: string) => ({
    sku: SKU,
    name: 'Test speaker',
    brand: 'Test',
    categorySlug,
    attributes: {},
    status: 'active' as const,
    changedAt,
  });

  it('applies category promotions to a new product once ProductCreated arrives', async () => {
    assert.deepEqual(await adjustmentsOf(), [], 'an unknown category gets no category promotion');
    await publishFromCatalog(ProductCreated, product('speakers', '2030-01-01T00:00:00.000Z'));
    await waitFor('the category to be recorded', async () => (await categoryOf(SKU)) === 'speakers', {
      timeoutMs: 20_000,
    });
    assert.deepEqual(await adjustmentsOf(), [AUDIO_WEEK]);
  });

  it('follows ProductUpdated, and ignores an older update arriving late', async () => {
    await publishFromCatalog(ProductUpdated, product('garden-tools', '2030-01-02T00:00:00.000Z'));
    await waitFor('the move to be recorded', async () => (await categoryOf(SKU)) === 'garden-tools', {
      timeoutMs: 20_000,
    });
    assert.deepEqual(await adjustmentsOf(), []);

    await publishFromCatalog(ProductUpdated, product('headphones', '2030-01-01T12:00:00.000Z'));
    await publishFromCatalog(ProductUpdated, product('garden-tools', '2030-01-03T00:00:00.000Z'));
    const handled = async () =>
      Number(
        (
          await pricing.database.db
            .selectFrom('inbox')
            .select((s) => s.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitFor('all four events to be handled', async () => (await handled()) === 4, {
      timeoutMs: 20_000,
    });
    assert.equal(await categoryOf(SKU), 'garden-tools');
  });

  it("relays pricing's own PriceChanged to the bus", async () => {
    const written = await pricing.database.db.selectFrom('outbox').select('type').execute();
    assert.deepEqual(
      written.map((row) => row.type),
      ['emporium.pricing.price.changed.v1'],
    );
    await waitFor(
      'the outbox to be sent',
      async () => {
        const unsent = await pricing.database.db
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .execute();
        return unsent.length === 0;
      },
      { timeoutMs: 20_000 },
    );
  });
});
