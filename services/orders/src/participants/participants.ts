import type { Client } from '@connectrpc/connect';
import { ProductService } from '@emporium/contracts/proto/catalog/v1/product_service';
import { InventoryService } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentService } from '@emporium/contracts/proto/payments/v1/payment_service';
import { PricingService } from '@emporium/contracts/proto/pricing/v1/pricing_service';
import { ShippingService } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import type { ModuleRpc } from '@emporium/platform/host';

/**
 * The services orders calls, by contract and name only: discovery finds their instances (or
 * the in-process router, when they are co-hosted), under their resilience policies.
 */
export interface Participants {
  catalog: Client<typeof ProductService>;
  inventory: Client<typeof InventoryService>;
  pricing: Client<typeof PricingService>;
  payments: Client<typeof PaymentService>;
  shipping: Client<typeof ShippingService>;
}

export function participantsOf(rpc: Pick<ModuleRpc, 'client'>): Participants {
  return {
    catalog: rpc.client(ProductService, 'catalog'),
    inventory: rpc.client(InventoryService, 'inventory'),
    pricing: rpc.client(PricingService, 'pricing'),
    payments: rpc.client(PaymentService, 'payments'),
    shipping: rpc.client(ShippingService, 'shipping'),
  };
}
