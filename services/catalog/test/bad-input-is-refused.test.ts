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
import type { ProductList } from './fixtures/catalog-views.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

const valid = {
  sku: 'TEST-VALID-0001',
  name: 'Valid Product',
  category: 'headphones',
  brand: 'Valid',
};

describe('bad input', () => {
  let issuer: TestTokenIssuer;
  let service: TestService<CatalogDatabase>;
  let api: ReturnType<typeof jsonClient>;
  let admin: string;
  let totalBefore: number;

  const total = async () => (await bodyOf<ProductList>(await api('GET', '/products?limit=1'))).total;

  before(async () => {
    issuer = await startTestTokenIssuer();
    service = await startCatalog({ jwksUrl: issuer.jwksUrl });
    api = jsonClient(service.url);
    admin = await issuer.token({ roles: ['admin'] });
    totalBefore = await total();
  });
  after(async () => {
    await service?.close();
    await issuer?.close();
  });

  it('answers any search text with 200: SQL, HTML, quotes, operators, stop words, control characters', async () => {
    const hostile = [
      "' OR 1=1 --",
      '"; drop table products; --',
      '<script>alert(1)</script>',
      '"unterminated phrase',
      "'",
      '"',
      '&|!():*<->',
      'a & b | !c <-> d:*',
      '-',
      'or',
      '\\',
      '$1 %s %d {{7*7}}',
      'wireless\u0007\u001b[31m',
      '🎧 wireless 🎧',
      'ﺎﻠﻋﺮﺒﻳﺓ \u202e reversed',
      'x'.repeat(200),
    ];
    for (const q of hostile) {
      const response = await api('GET', `/products?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, 200, `q=${JSON.stringify(q)}: ${await response.clone().text()}`);
      assert.ok(Array.isArray((await bodyOf<ProductList>(response)).items));
    }
    // U+0000 is the one character the chassis refuses anywhere (PostgreSQL text cannot hold it).
    const nul = await api('GET', `/products?q=${encodeURIComponent('\u0000wireless')}`);
    assert.equal(nul.status, 400);
    assert.equal((await problemOf(nul)).code, 'VALIDATION_FAILED');
  });

  it('treats text with nothing searchable (blank, only stop words) as no text', async () => {
    for (const q of ['', '   ', 'the', 'the and of a', '"the"', '!!!']) {
      const response = await api('GET', `/products?q=${encodeURIComponent(q)}&limit=3`);
      assert.equal(response.status, 200, `q=${JSON.stringify(q)}`);
      const page = await bodyOf<ProductList>(response);
      assert.equal(page.total, totalBefore, `q=${JSON.stringify(q)} lists everything`);
      assert.equal(page.sort, 'name');
      assert.equal(page.items[0]?.highlight, undefined);
    }
  });

  it('refuses malformed listing parameters with 400, naming the parameter', async () => {
    const cases: Record<string, RegExp> = {
      'limit=0': /limit/,
      'limit=101': /limit/,
      'limit=ten': /limit/,
      'sort=price': /sort/,
      'category=Not%20A%20Slug': /category/,
      'attr=color': /attr/,
      'attr=%3Ablack': /attr/,
      'includeDiscontinued=maybe': /includeDiscontinued/,
      [`q=${'x'.repeat(201)}`]: /q/,
      [`cursor=${'A'.repeat(1025)}`]: /cursor/,
      [Array.from({ length: 21 }, (_, index) => `brand=b${index}`).join('&')]: /brand/,
      'brand=%00': /brand/,
      'catgory=electronics': /catgory is not a known field/,
    };
    for (const [query, names] of Object.entries(cases)) {
      const response = await api('GET', `/products?${query}`);
      assert.equal(response.status, 400, query.slice(0, 60));
      const problem = await problemOf(response);
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.match(problem.detail, names);
    }
    const unknownCategory = await api('GET', '/products?category=no-such-category');
    assert.equal(unknownCategory.status, 404);
    assert.equal((await problemOf(unknownCategory)).code, 'CATEGORY_NOT_FOUND');
  });

  it('refuses bad product bodies with 4xx and writes nothing', async () => {
    const bodies: Record<string, unknown> = {
      'no sku': { ...valid, sku: undefined },
      'lowercase sku': { ...valid, sku: 'abc-123' },
      'sku with a space': { ...valid, sku: 'ABC 123' },
      'sku too long': { ...valid, sku: `A${'B'.repeat(40)}` },
      'sku starting with a dash': { ...valid, sku: '-ABC' },
      'name of the wrong type': { ...valid, name: 5 },
      'empty name': { ...valid, name: '' },
      'blank name': { ...valid, name: '   ' },
      'name with surrounding space': { ...valid, name: ' Padded ' },
      'name with a NUL': { ...valid, name: 'Bad\u0000Name' },
      'name too long': { ...valid, name: 'n'.repeat(201) },
      'description too long': { ...valid, description: 'd'.repeat(5001) },
      'description with a NUL': { ...valid, description: 'nul \u0000 here' },
      'category not a slug': { ...valid, category: 'Home Decor' },
      'attributes nested': { ...valid, attributes: { color: { deep: 'x' } } },
      'attribute name with a space': { ...valid, attributes: { 'bad name': 'x' } },
      'attribute value too long': { ...valid, attributes: { color: 'c'.repeat(101) } },
      'too many attributes': {
        ...valid,
        attributes: Object.fromEntries(Array.from({ length: 31 }, (_, index) => [`a${index}`, 'x'])),
      },
      'attributes as an array': { ...valid, attributes: ['color'] },
      'javascript image': { ...valid, images: ['javascript:alert(1)'] },
      'http image': { ...valid, images: ['http://example.com/x.jpg'] },
      'protocol-relative image': { ...valid, images: ['//evil.example/x.jpg'] },
      'image with quotes': { ...valid, images: ['/images/x.jpg" onerror="alert(1)'] },
      'too many images': {
        ...valid,
        images: Array.from({ length: 13 }, (_, index) => `/images/${index}.jpg`),
      },
      'unknown status': { ...valid, status: 'deleted' },
      'unknown field': { ...valid, price: 100 },
      'an array': [valid],
      null: null,
    };
    for (const [what, body] of Object.entries(bodies)) {
      const response = await api('POST', '/products', body, { token: admin });
      assert.equal(response.status, 400, `${what}: ${await response.clone().text()}`);
      assert.equal((await problemOf(response)).code, 'VALIDATION_FAILED', what);
    }
    assert.equal(await total(), totalBefore);
  });

  it('refuses malformed, oversized and non-JSON bodies', async () => {
    const malformed = await api('POST', '/products', '{"sku": "ABC-1",', { token: admin });
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed)).code, 'MALFORMED_BODY');

    const huge = await api(
      'POST',
      '/products',
      { ...valid, description: 'x'.repeat(1_100_000) },
      { token: admin },
    );
    assert.equal(huge.status, 413);

    const text = await fetch(`${service.url}/products`, {
      method: 'POST',
      body: 'sku=ABC',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
    });
    assert.equal(text.status, 415);
    assert.equal(await total(), totalBefore);
  });

  it('refuses bad changes and bad categories', async () => {
    const patches: Record<string, unknown> = {
      'nothing to change': {},
      'sku cannot change': { sku: 'NEW-SKU' },
      'bad status': { status: 'gone' },
      'null name': { name: null },
    };
    for (const [what, body] of Object.entries(patches)) {
      const response = await api('PATCH', '/products/ELEC-HEAD-0001', body, { token: admin });
      assert.equal(response.status, 400, what);
    }
    const categories: Record<string, unknown> = {
      'slug with spaces': { slug: 'bad slug', name: 'Bad' },
      'slug with capitals': { slug: 'Bad', name: 'Bad' },
      'double dash': { slug: 'bad--slug', name: 'Bad' },
      'parent of the wrong type': { slug: 'fine', name: 'Fine', parent: 5 },
      'negative position': { slug: 'fine', name: 'Fine', position: -1 },
      'unknown field': { slug: 'fine', name: 'Fine', colour: 'red' },
    };
    for (const [what, body] of Object.entries(categories)) {
      const response = await api('POST', '/categories', body, { token: admin });
      assert.equal(response.status, 400, what);
    }
    assert.equal((await api('GET', '/categories/fine')).status, 404);
  });

  it('never answers 5xx to odd but well-formed text', async () => {
    const odd = [
      { ...valid, sku: 'TEST-ODD-0001', name: 'Lone \ud800 surrogate' },
      {
        ...valid,
        sku: 'TEST-ODD-0002',
        name: '<img src=x onerror=alert(1)>',
        description: "'; drop table products; --",
      },
      { ...valid, sku: 'TEST-ODD-0003', name: 'Ünïcødé “quotes” — dashes', attributes: { color: '🎨' } },
    ];
    for (const body of odd) {
      const response = await api('POST', '/products', body, { token: admin });
      assert.ok(response.status < 500, `${body.sku}: ${response.status}`);
      const read = await api('GET', `/products/${body.sku}`);
      assert.ok(read.status === 200 || read.status === 404);
    }
    for (const path of [
      '/products/%00',
      '/products/%ED%A0%80',
      '/categories/%00',
      `/products/${'A'.repeat(300)}`,
    ]) {
      const response = await api('GET', path);
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
  });
});
