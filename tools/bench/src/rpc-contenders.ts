/**
 * The ways the rpc benchmark fetches the same products from one running catalog: catalog's
 * GetProducts over each transport, bare and through platform/rpc, and the closest REST request.
 * Each call checks that every product came back, so a transport that fails fast cannot win.
 */
import { Agent } from 'node:http';
import { type Client, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { ProductService } from '@emporium/contracts/proto/catalog/v1/product_service';
import { createDiscoveryClient, createStaticRegistry } from '@emporium/platform/discovery';
import type { Logger } from '@emporium/platform/log';
import { createResilience } from '@emporium/platform/resilience';
import {
  createInProcessTransport,
  isRetryable,
  isTargetFailure,
  RpcClients,
  type RpcServices,
} from '@emporium/platform/rpc';
import { Pool } from 'undici';

export interface RpcContender {
  name: string;
  /** One call for the products; throws unless all of them came back. */
  call(): Promise<void>;
  close(): Promise<void>;
}

/** What the contenders need of the running catalog (a RunningService has it all). */
export interface CatalogUnderTest {
  url: string;
  rpcUrl: string;
  rpcServices: RpcServices;
  logger: Logger;
}

export interface RpcContenderOptions {
  /** The SKUs every GetProducts call asks for. */
  skus: string[];
  /** A REST path on catalog.url whose JSON `items` are the same products. */
  restPath: string;
  /** The most calls in flight at once: the REST connection pool's size. */
  maxConcurrency: number;
}

export const BARE_GRPC = 'gRPC h2c, bare client';
export const PLATFORM_GRPC = 'gRPC h2c, platform/rpc';

export function rpcContenders(catalog: CatalogUnderTest, options: RpcContenderOptions): RpcContender[] {
  const { skus } = options;
  const getProducts = (
    name: string,
    client: Client<typeof ProductService>,
    close: () => Promise<void>,
  ): RpcContender => {
    return {
      name,
      async call() {
        const response = await client.getProducts({ skus });
        expectAll(name, response.products.length, skus.length);
      },
      close,
    };
  };

  const bareSessions = new Http2SessionManager(catalog.rpcUrl);
  const registry = createStaticRegistry({ catalog: [{ rpcUrl: catalog.rpcUrl }] });
  const discovery = createDiscoveryClient(registry);
  // As startOutboundRpc builds them, minus metrics, which count only retries, timeouts and rejections.
  const clients = new RpcClients({
    discovery,
    resilience: createResilience({ isFailure: isTargetFailure, isRetryable }),
  });
  const connectAgent = new Agent({ keepAlive: true });
  const rest = new Pool(catalog.url, { connections: options.maxConcurrency, pipelining: 1 });

  return [
    getProducts(
      'in-process router',
      createClient(ProductService, createInProcessTransport(catalog.rpcServices, catalog.logger)),
      async () => {},
    ),
    getProducts(
      BARE_GRPC,
      createClient(
        ProductService,
        // The transport platform/rpc builds, without discovery and policies: no compression.
        createGrpcTransport({ baseUrl: catalog.rpcUrl, sessionManager: bareSessions, acceptCompression: [] }),
      ),
      async () => bareSessions.abort(),
    ),
    getProducts(PLATFORM_GRPC, clients.client(ProductService, 'catalog'), async () => {
      await clients.close();
      await discovery.close();
      await registry.close();
    }),
    getProducts(
      'Connect JSON, HTTP/1.1',
      createClient(
        ProductService,
        createConnectTransport({
          baseUrl: catalog.url,
          httpVersion: '1.1',
          useBinaryFormat: false,
          nodeOptions: { agent: connectAgent },
        }),
      ),
      async () => connectAgent.destroy(),
    ),
    {
      name: 'REST, Fastify + undici',
      async call() {
        const response = await rest.request({ method: 'GET', path: options.restPath });
        if (response.statusCode !== 200) {
          await response.body.dump();
          throw new Error(`GET ${options.restPath} answered ${response.statusCode}`);
        }
        expectAll('REST', listedSkus(await response.body.json()).length, skus.length);
      },
      close: () => rest.close(),
    },
  ];
}

function expectAll(contender: string, got: number, asked: number): void {
  if (got !== asked) throw new Error(`${contender}: ${got} of ${asked} products came back`);
}

/** The SKUs of a catalog product listing's `items`, in order; none when the body is not one. */
export function listedSkus(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items))
    return [];
  return body.items.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && 'sku' in item && typeof item.sku === 'string'
      ? [item.sku]
      : [],
  );
}
