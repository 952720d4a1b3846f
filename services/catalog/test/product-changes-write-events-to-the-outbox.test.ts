import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProductCreated, ProductDiscontinued, ProductUpdated } from '@emporium/contracts';
import {
  bodyOf,
  jsonClient,
  problemOf,
  startTestTokenIssuer,
  type TestService,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import type { ProductDetail } from './fixtures/catalog-views.ts';
import { dataOf, eventsAbout, outboxEvents } from './fixtures/outbox-events.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

const kettle = {
  sku: 'EVT-KETTLE-0001',
  name: 'Brightwater Kettle',
  description: 'A stovetop kettle.',
  category: 'events-kitchen',
  brand: 'Brightwater',
  attributes: { color: 'Steel', capacity: '1.7 l' },
};

// No bus is configured here, so every event stays in the outbox where the test can read it.
describe('product events in the outbox', () => {
  let issuer: TestTokenIssuer;
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: { token: string };

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startCatalog({ jwksUrl: issuer.jwksUrl, seed: false });
    api = jsonClient(service.url);
    admin = { token: await issuer.token({ roles: ['customer', 'admin'] }) };
    for (const slug of ['events-kitchen', 'events-garden']) {
      const created = await api('POST', '/categories', { slug, name: slug }, admin);
      assert.equal(created.status, 201, await created.clone().text());
    }
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  const eventsOf = (sku: string) => eventsAbout(service.database.db, sku);
  const create = async (body: object) => {
    const response = await api('POST', '/products', body, admin);
    assert.equal(response.status, 201, await response.clone().text());
    return bodyOf<ProductDetail>(response);
  };

  it('writes ProductCreated with the new product, as a CloudEvent its contract accepts', async () => {
    const product = await create(kettle);
    const events = await eventsOf(kettle.sku);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject, kettle.sku);
    assert.deepEqual(dataOf(ProductCreated, events[0]), {
      sku: kettle.sku,
      name: kettle.name,
      brand: kettle.brand,
      categorySlug: 'events-kitchen',
      attributes: kettle.attributes,
      status: 'active',
      changedAt: product.updatedAt,
    });
  });

  it('writes ProductUpdated with the state after a change, and nothing for fields no event carries', async () => {
    const sku = 'EVT-PATCH-0001';
    await create({ ...kettle, sku });
    const patched = await api(
      'PATCH',
      `/products/${sku}`,
      { name: 'Brightwater Kettle II', category: 'events-garden', attributes: { color: 'Copper' } },
      admin,
    );
    assert.equal(patched.status, 200);
    const after = await bodyOf<ProductDetail>(patched);

    const described = await api('PATCH', `/products/${sku}`, { description: 'Now with a whistle.' }, admin);
    assert.equal(described.status, 200);
    const events = await eventsOf(sku);
    assert.deepEqual(
      events.map((event) => event.type),
      [ProductCreated.type, ProductUpdated.type],
    );
    assert.deepEqual(dataOf(ProductUpdated, events[1]), {
      sku,
      name: 'Brightwater Kettle II',
      brand: kettle.brand,
      categorySlug: 'events-garden',
      attributes: { color: 'Copper' },
      status: 'active',
      changedAt: after.updatedAt,
    });
  });

  it('writes ProductDiscontinued once however often a product is deleted, and ProductUpdated on re-activation', async () => {
    const sku = 'EVT-DELETE-0001';
    await create({ ...kettle, sku });
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.equal((await api('DELETE', `/products/${sku}`, undefined, admin)).status, 204);
    }
    const discontinuedAt = (await bodyOf<ProductDetail>(await api('GET', `/products/${sku}`))).updatedAt;
    let events = await eventsOf(sku);
    assert.deepEqual(
      events.map((event) => event.type),
      [ProductCreated.type, ProductUpdated.type, ProductDiscontinued.type],
    );
    assert.equal(dataOf(ProductUpdated, events[1]).status, 'discontinued');
    assert.deepEqual(dataOf(ProductDiscontinued, events[2]), { sku, discontinuedAt });

    const revived = await api('PATCH', `/products/${sku}`, { status: 'active' }, admin);
    assert.equal(revived.status, 200);
    events = await eventsOf(sku);
    assert.equal(events.length, 4);
    assert.equal(dataOf(ProductUpdated, events[3]).status, 'active');
  });

  it('writes ProductDiscontinued also when a PATCH discontinues an active product', async () => {
    const sku = 'EVT-PATCHOFF-0001';
    await create({ ...kettle, sku });
    assert.equal((await api('PATCH', `/products/${sku}`, { status: 'discontinued' }, admin)).status, 200);
    assert.equal((await api('PATCH', `/products/${sku}`, { status: 'discontinued' }, admin)).status, 200);
    assert.deepEqual(
      (await eventsOf(sku)).map((event) => event.type),
      [ProductCreated.type, ProductUpdated.type, ProductDiscontinued.type],
    );
  });

  it('writes no event for a refused change', async () => {
    const sku = 'EVT-REFUSED-0001';
    await create({ ...kettle, sku });
    const before = (await outboxEvents(service.database.db)).length;

    const taken = await api('POST', '/products', { ...kettle, sku, name: 'Impostor' }, admin);
    assert.equal(taken.status, 409);
    assert.equal((await problemOf(taken)).code, 'SKU_TAKEN');
    const nowhere = await api(
      'POST',
      '/products',
      { ...kettle, sku: 'EVT-NOCAT-0001', category: 'no-such' },
      admin,
    );
    assert.equal(nowhere.status, 422);
    assert.equal((await problemOf(nowhere)).code, 'UNKNOWN_CATEGORY');
    const moved = await api('PATCH', `/products/${sku}`, { name: 'Lost', category: 'no-such' }, admin);
    assert.equal(moved.status, 422);
    assert.equal((await api('PATCH', '/products/EVT-NONE-0001', { name: 'x' }, admin)).status, 404);
    assert.equal((await api('DELETE', '/products/EVT-NONE-0001', undefined, admin)).status, 404);

    assert.equal((await outboxEvents(service.database.db)).length, before);
    assert.equal((await bodyOf<ProductDetail>(await api('GET', `/products/${sku}`))).name, kettle.name);
  });
});
