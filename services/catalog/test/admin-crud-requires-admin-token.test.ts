import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bodyOf,
  jsonClient,
  problemOf,
  startTestTokenIssuer,
  type TestService,
  type TestTokenIssuer,
} from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import type { CategoryDetail, CategoryTree, ProductDetail, ProductList } from './fixtures/catalog-views.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

const lamp = {
  sku: 'TEST-LAMP-0001',
  name: 'Orbweaver Table Lamp',
  description: 'A brass table lamp with a linen shade.',
  category: 'home-decor',
  brand: 'Orbweaver',
  attributes: { color: 'Brass', material: 'Metal' },
  images: ['/images/products/test-lamp-0001-1.jpg', 'https://cdn.example.com/lamp.jpg?w=800'],
};

describe('admin endpoints', () => {
  let issuer: TestTokenIssuer;
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startCatalog({ jwksUrl: issuer.jwksUrl });
    api = jsonClient(service.url);
    admin = await issuer.token({ roles: ['customer', 'admin'] });
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  describe('who may call them', () => {
    const attempt = (token?: string) =>
      api('POST', '/categories', { slug: 'auth-probe', name: 'Auth probe' }, { token });

    it('refuses a call without a token with 401', async () => {
      const response = await attempt();
      assert.equal(response.status, 401);
      assert.equal((await problemOf(response)).code, 'AUTH_REQUIRED');
    });

    it('refuses a customer with 403', async () => {
      const response = await attempt(await issuer.token({ roles: ['customer'] }));
      assert.equal(response.status, 403);
      assert.equal((await problemOf(response)).code, 'FORBIDDEN');
    });

    it('refuses an expired admin token with 401 TOKEN_EXPIRED', async () => {
      const response = await attempt(await issuer.token({ roles: ['admin'], expiresInSeconds: -60 }));
      assert.equal(response.status, 401);
      assert.equal((await problemOf(response)).code, 'TOKEN_EXPIRED');
    });

    it('refuses a token signed by a key identity never published with 401', async () => {
      const response = await attempt(await issuer.tokenFromUnknownKey({ roles: ['admin'] }));
      assert.equal(response.status, 401);
      assert.equal((await problemOf(response)).code, 'TOKEN_INVALID');
    });

    it('refuses a tampered token with 401', async () => {
      const [header, payload, signature] = admin.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin', 'root'] })).toString(
        'base64url',
      );
      const response = await attempt(`${header}.${forged}.${signature}`);
      assert.equal(response.status, 401);
    });

    it('lets an admin in', async () => {
      const response = await attempt(admin);
      assert.equal(response.status, 201, await response.clone().text());
      assert.equal((await api('DELETE', '/categories/auth-probe', undefined, { token: admin })).status, 204);
    });

    it('keeps discontinued products out of public listings, and lets only admins ask for them', async () => {
      const anonymous = await api('GET', '/products?includeDiscontinued=true');
      assert.equal(anonymous.status, 401);
      const customer = await api('GET', '/products?includeDiscontinued=true', undefined, {
        token: await issuer.token({ roles: ['customer'] }),
      });
      assert.equal(customer.status, 403);
      assert.equal(
        (await api('GET', '/products?includeDiscontinued=true', undefined, { token: admin })).status,
        200,
      );
    });
  });

  describe('products', () => {
    it('creates, reads, changes and discontinues a product', async () => {
      const created = await api('POST', '/products', lamp, { token: admin });
      assert.equal(created.status, 201, await created.clone().text());
      assert.equal(created.headers.get('location'), `/products/${lamp.sku}`);
      const product = await bodyOf<ProductDetail>(created);
      assert.equal(product.status, 'active');
      assert.deepEqual(product.category, { slug: 'home-decor', name: 'Home Decor' });
      assert.deepEqual(
        product.breadcrumb.map((crumb) => crumb.slug),
        ['home-kitchen', 'home-decor'],
      );

      const read = await bodyOf<ProductDetail>(await api('GET', `/products/${lamp.sku}`));
      assert.deepEqual(read, product);
      assert.ok((await listSkus('q=orbweaver')).includes(lamp.sku), 'found by its brand');
      assert.ok((await listSkus('q=decor+orbweaver')).includes(lamp.sku), 'found by its category name');

      const changed = await api(
        'PATCH',
        `/products/${lamp.sku}`,
        { name: 'Orbweaver Floor Lamp', category: 'bedding', attributes: { color: 'Black' } },
        { token: admin },
      );
      assert.equal(changed.status, 200, await changed.clone().text());
      const after = await bodyOf<ProductDetail>(changed);
      assert.equal(after.name, 'Orbweaver Floor Lamp');
      assert.equal(after.description, lamp.description, 'fields not sent stay');
      assert.deepEqual(after.attributes, { color: 'Black' }, 'attributes are replaced as a whole');
      assert.equal(after.category.slug, 'bedding');
      assert.ok(after.updatedAt > product.updatedAt);
      assert.deepEqual(await listSkus('category=bedding&q=floor+lamp'), [lamp.sku]);

      const gone = await api('DELETE', `/products/${lamp.sku}`, undefined, { token: admin });
      assert.equal(gone.status, 204);
      const again = await api('DELETE', `/products/${lamp.sku}`, undefined, { token: admin });
      assert.equal(again.status, 204, 'discontinuing twice is fine');

      const discontinued = await bodyOf<ProductDetail>(await api('GET', `/products/${lamp.sku}`));
      assert.equal(discontinued.status, 'discontinued', 'still readable by SKU');
      assert.ok(!(await listSkus('q=orbweaver')).includes(lamp.sku), 'gone from listings');
      assert.ok(
        (await listSkus('q=orbweaver&includeDiscontinued=true', admin)).includes(lamp.sku),
        'admins can still list it',
      );

      const revived = await api('PATCH', `/products/${lamp.sku}`, { status: 'active' }, { token: admin });
      assert.equal((await bodyOf<ProductDetail>(revived)).status, 'active');
      assert.ok((await listSkus('q=orbweaver')).includes(lamp.sku));
    });

    it('refuses a second product with the same SKU with 409, leaving the first as it was', async () => {
      const sku = 'TEST-DUP-0001';
      assert.equal((await api('POST', '/products', { ...lamp, sku }, { token: admin })).status, 201);
      const duplicate = await api('POST', '/products', { ...lamp, sku, name: 'Impostor' }, { token: admin });
      assert.equal(duplicate.status, 409);
      assert.equal((await problemOf(duplicate)).code, 'SKU_TAKEN');
      assert.equal((await bodyOf<ProductDetail>(await api('GET', `/products/${sku}`))).name, lamp.name);
    });

    it('refuses a product in a category that does not exist, writing nothing', async () => {
      const sku = 'TEST-NOCAT-0001';
      const response = await api(
        'POST',
        '/products',
        { ...lamp, sku, category: 'no-such-thing' },
        { token: admin },
      );
      assert.equal(response.status, 422);
      assert.equal((await problemOf(response)).code, 'UNKNOWN_CATEGORY');
      assert.equal((await api('GET', `/products/${sku}`)).status, 404);
    });

    it('answers 404 for products that do not exist', async () => {
      const missing = await api('PATCH', '/products/NOPE-0000', { name: 'x' }, { token: admin });
      assert.equal(missing.status, 404);
      assert.equal((await problemOf(missing)).code, 'PRODUCT_NOT_FOUND');
      assert.equal((await api('DELETE', '/products/NOPE-0000', undefined, { token: admin })).status, 404);
      assert.equal((await api('GET', '/products/nope')).status, 404);
    });
  });

  describe('categories', () => {
    it('creates, moves, renames and deletes categories, keeping the tree a tree', async () => {
      const create = (body: object) => api('POST', '/categories', body, { token: admin });
      const top = await create({ slug: 'test-lighting', name: 'Lighting', description: 'Lamps.' });
      assert.equal(top.status, 201, await top.clone().text());
      const child = await create({ slug: 'test-lamps', name: 'Lamps', parent: 'test-lighting' });
      const leaf = await bodyOf<CategoryDetail>(child);
      assert.deepEqual(
        leaf.breadcrumb.map((crumb) => crumb.slug),
        ['test-lighting', 'test-lamps'],
      );
      assert.equal(leaf.parent?.slug, 'test-lighting');

      const taken = await create({ slug: 'test-lamps', name: 'Again' });
      assert.equal(taken.status, 409);
      assert.equal((await problemOf(taken)).code, 'CATEGORY_SLUG_TAKEN');

      const cycle = await api(
        'PATCH',
        '/categories/test-lighting',
        { parent: 'test-lamps' },
        { token: admin },
      );
      assert.equal(cycle.status, 400);
      assert.equal((await problemOf(cycle)).code, 'CATEGORY_CYCLE');
      const self = await api(
        'PATCH',
        '/categories/test-lighting',
        { parent: 'test-lighting' },
        { token: admin },
      );
      assert.equal((await problemOf(self)).code, 'CATEGORY_CYCLE');

      const sku = 'TEST-LAMP-0002';
      assert.equal(
        (await api('POST', '/products', { ...lamp, sku, category: 'test-lamps' }, { token: admin })).status,
        201,
      );
      assert.deepEqual(await listSkus('q=illumination'), [], 'not yet');
      const renamed = await api(
        'PATCH',
        '/categories/test-lighting',
        { name: 'Illumination', parent: 'home-kitchen', position: 0 },
        { token: admin },
      );
      assert.equal(renamed.status, 200, await renamed.clone().text());
      assert.deepEqual(
        (await bodyOf<CategoryDetail>(await api('GET', '/categories/test-lamps'))).breadcrumb.map(
          (c) => c.slug,
        ),
        ['home-kitchen', 'test-lighting', 'test-lamps'],
      );
      assert.deepEqual(await listSkus('q=illumination'), [sku], 'found by the new name of an ancestor');
      assert.ok((await listSkus('category=home-kitchen&limit=100&sort=newest')).includes(sku));

      const notEmpty = await api('DELETE', '/categories/test-lighting', undefined, { token: admin });
      assert.equal(notEmpty.status, 409);
      assert.equal((await problemOf(notEmpty)).code, 'CATEGORY_NOT_EMPTY');
      const withProducts = await api('DELETE', '/categories/test-lamps', undefined, { token: admin });
      assert.equal(withProducts.status, 409, 'a category with a (even discontinued) product stays');

      await api('PATCH', `/products/${sku}`, { category: 'home-decor' }, { token: admin });
      assert.equal((await api('DELETE', '/categories/test-lamps', undefined, { token: admin })).status, 204);
      assert.equal(
        (await api('DELETE', '/categories/test-lighting', undefined, { token: admin })).status,
        204,
      );
      assert.equal((await api('GET', '/categories/test-lighting')).status, 404);
      const again = await api('DELETE', '/categories/test-lighting', undefined, { token: admin });
      assert.equal((await problemOf(again)).code, 'CATEGORY_NOT_FOUND');
    });

    it('lets only one of two opposite moves made at the same time win, so no cycle can form', async () => {
      for (const slug of ['test-race-a', 'test-race-b']) {
        const created = await api('POST', '/categories', { slug, name: slug }, { token: admin });
        assert.equal(created.status, 201);
      }
      const moves = await Promise.all([
        api('PATCH', '/categories/test-race-a', { parent: 'test-race-b' }, { token: admin }),
        api('PATCH', '/categories/test-race-b', { parent: 'test-race-a' }, { token: admin }),
      ]);
      assert.deepEqual(moves.map((move) => move.status).sort(), [200, 400]);
      const tree = await bodyOf<CategoryTree>(await api('GET', '/categories'));
      const racers = tree.categories.filter((node) => node.slug.startsWith('test-race-'));
      assert.equal(racers.length, 1, 'one is now the parent of the other');
      assert.equal(racers[0]?.children.length, 1);
    });

    it('refuses a parent that does not exist', async () => {
      const response = await api(
        'POST',
        '/categories',
        { slug: 'orphan', name: 'Orphan', parent: 'nowhere' },
        {
          token: admin,
        },
      );
      assert.equal(response.status, 422);
      assert.equal((await problemOf(response)).code, 'UNKNOWN_CATEGORY');
      assert.equal((await api('GET', '/categories/orphan')).status, 404);
    });
  });

  async function listSkus(query: string, token?: string): Promise<string[]> {
    const response = await api('GET', `/products?${query}`, undefined, { token });
    assert.equal(response.status, 200, await response.clone().text());
    return (await bodyOf<ProductList>(response)).items.map((item) => item.sku);
  }
});
