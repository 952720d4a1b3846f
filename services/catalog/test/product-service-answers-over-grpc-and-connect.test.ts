import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from '@connectrpc/connect-node';
import { ProductService, ProductStatus } from '@emporium/contracts/proto/catalog/v1/product_service';
import type { TestService } from '@emporium/platform/testing';
import type { CatalogDatabase } from '../src/store/database.ts';
import { seedCatalogue } from '../src/store/seed/seed-catalogue.ts';
import { startCatalog } from './fixtures/start-catalog.ts';

const seed = seedCatalogue();
function seeded(index: number) {
  const product = seed.products[index];
  assert.ok(product, `the seed catalogue has a product #${index}`);
  return product;
}
const first = seeded(0);
const second = seeded(1);

/** Not a protobuf message: a field tag with a varint that never ends. */
const GARBAGE = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** One gRPC call with a hand-made body, as a client with a broken encoder would send it. */
async function grpcStatusOfRawCall(
  baseUrl: string,
  path: string,
  message: Uint8Array,
): Promise<string | undefined> {
  const session = http2.connect(baseUrl);
  try {
    const envelope = Buffer.alloc(5 + message.length);
    envelope.writeUInt32BE(message.length, 1);
    envelope.set(message, 5);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    stream.end(envelope);
    return await new Promise((resolve, reject) => {
      let status: string | undefined;
      stream.on('response', (headers) => {
        status = headers['grpc-status'] as string | undefined;
      });
      stream.on('trailers', (trailers) => {
        status = trailers['grpc-status'] as string | undefined;
      });
      stream.on('error', reject);
      stream.on('close', () => resolve(status));
      stream.resume();
    });
  } finally {
    session.close();
  }
}

async function codeOf(call: Promise<unknown>): Promise<{ code: Code; message: string }> {
  try {
    await call;
  } catch (error) {
    const connectError = ConnectError.from(error);
    return { code: connectError.code, message: connectError.rawMessage };
  }
  assert.fail('the call succeeded');
}

describe('catalog ProductService.GetProducts', () => {
  let catalog: TestService<CatalogDatabase>;
  let transports: Record<string, Transport>;
  before(async () => {
    catalog = await startCatalog();
    assert.ok(catalog.rpcUrl, 'catalog serves RPCs, so it opens its gRPC port');
    transports = {
      'gRPC over h2c (RPC_PORT)': createGrpcTransport({ baseUrl: catalog.rpcUrl }),
      'Connect over h2c (RPC_PORT)': createConnectTransport({ baseUrl: catalog.rpcUrl, httpVersion: '2' }),
      'Connect JSON over HTTP/1.1 (PORT)': createConnectTransport({
        baseUrl: catalog.url,
        httpVersion: '1.1',
      }),
      'gRPC-Web over HTTP/1.1 (PORT)': createGrpcWebTransport({ baseUrl: catalog.url, httpVersion: '1.1' }),
    };
  });
  after(() => catalog.close());

  for (const protocol of [
    'gRPC over h2c (RPC_PORT)',
    'Connect over h2c (RPC_PORT)',
    'Connect JSON over HTTP/1.1 (PORT)',
    'gRPC-Web over HTTP/1.1 (PORT)',
  ]) {
    it(`answers in the order asked, listing unknown SKUs, over ${protocol}`, async () => {
      const client = createClient(ProductService, transports[protocol] as Transport);
      const response = await client.getProducts({
        skus: [second.sku, 'NO-SUCH-SKU-1', first.sku, second.sku],
      });
      assert.deepEqual(
        response.products.map((product) => product.sku),
        [second.sku, first.sku],
      );
      assert.deepEqual(response.missingSkus, ['NO-SUCH-SKU-1']);
      const product = response.products[1];
      assert.equal(product?.name, first.name);
      assert.equal(product?.status, ProductStatus.ACTIVE);
      assert.deepEqual(product?.attributes, first.attributes);
      assert.ok(product?.createTime && product.createTime.seconds > 0n);
    });
  }

  it('refuses no SKUs, too many, or a malformed one with INVALID_ARGUMENT naming the problem', async () => {
    const client = createClient(ProductService, transports['gRPC over h2c (RPC_PORT)'] as Transport);
    assert.deepEqual(await codeOf(client.getProducts({ skus: [] })), {
      code: Code.InvalidArgument,
      message: 'skus: give at least one SKU',
    });
    const many = Array.from({ length: 501 }, (_, index) => `SKU-${index}`);
    assert.equal((await codeOf(client.getProducts({ skus: many }))).code, Code.InvalidArgument);
    const malformed = await codeOf(client.getProducts({ skus: [first.sku, 'lower case'] }));
    assert.equal(malformed.code, Code.InvalidArgument);
    assert.match(malformed.message, /"lower case" is not a SKU/);
  });

  it('answers INVALID_ARGUMENT to a body that is not the request message, on either port', async () => {
    const method = `${ProductService.typeName}/GetProducts`;
    const json = await fetch(`${catalog.url}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"skus": 42',
    });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as { code: string }).code, 'invalid_argument');
    const wrongField = await fetch(`${catalog.url}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"skus": "ELEC-0001"}',
    });
    assert.equal(wrongField.status, 400);
    const binary = await fetch(`${catalog.url}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/proto' },
      body: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]),
    });
    assert.equal(binary.status, 400);
    assert.equal(((await binary.json()) as { code: string }).code, 'invalid_argument');
    assert.equal(await grpcStatusOfRawCall(catalog.rpcUrl as string, `/${method}`, GARBAGE), '3');
  });

  it('keeps the RPC routes out of the REST OpenAPI document', async () => {
    const document = (await (await fetch(`${catalog.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    assert.ok(!Object.keys(document.paths).some((path) => path.includes('ProductService')));
    assert.ok(Object.keys(document.paths).includes('/products'));
  });
});
