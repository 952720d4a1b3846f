import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { ProductService } from '@emporium/contracts/proto/catalog/v1/product_service';
import { UserService } from '@emporium/contracts/proto/identity/v1/user_service';

/** The gRPC services `emporium call` knows, from the generated contracts: each with the service that serves it. */
export const RPC_CONTRACTS: ReadonlyArray<{ target: string; service: DescService }> = [
  { target: 'identity', service: UserService },
  { target: 'catalog', service: ProductService },
];

/** Every proto package here starts so; `catalog.v1.ProductService` is the name people use. */
const PACKAGE_ROOT = 'emporium.';

/** `catalog.v1.ProductService` for a service, `catalog.v1.GetProductsRequest` for a message. */
export function shortName(described: { typeName: string }): string {
  const { typeName } = described;
  return typeName.startsWith(PACKAGE_ROOT) ? typeName.slice(PACKAGE_ROOT.length) : typeName;
}

export type MethodLookup = { found: true; method: DescMethod } | { found: false; problem: string };

/**
 * The method `name` means on `target`: `catalog.v1.ProductService/GetProducts`, with or
 * without `emporium.`, `ProductService/GetProducts`, grpcurl's `Service.Method`, or only
 * `GetProducts`. The
 * problem, when there is one, lists what exists.
 */
export function findMethod(target: string, name: string): MethodLookup {
  const served = RPC_CONTRACTS.filter((contract) => contract.target === target);
  if (served.length === 0) {
    return { found: false, problem: `unknown service "${target}"; with gRPC methods: ${describeAll()}` };
  }
  const split = name.includes('/') ? name.lastIndexOf('/') : name.lastIndexOf('.');
  const serviceName = split === -1 ? '' : name.slice(0, split);
  const methodName = name.slice(split + 1);
  const matches = (service: DescService) =>
    [service.typeName, shortName(service), service.name].includes(serviceName);
  // A bare method name is enough when the target serves one method of that name.
  const contract =
    split === -1
      ? served.find((candidate) => candidate.service.methods.some((method) => method.name === methodName))
      : RPC_CONTRACTS.find((candidate) => matches(candidate.service));
  if (!contract) {
    return {
      found: false,
      problem: `unknown gRPC service "${serviceName || name}"; ${target} serves ${describe(served)}`,
    };
  }
  if (contract.target !== target) {
    return {
      found: false,
      problem: `${target} does not serve ${shortName(contract.service)} (${contract.target} does); ${target} serves ${describe(served)}`,
    };
  }
  const method = contract.service.methods.find(
    (candidate) => candidate.name === methodName || candidate.localName === methodName,
  );
  if (!method) {
    return {
      found: false,
      problem: `${shortName(contract.service)} has no method "${methodName}"; it has ${contract.service.methods
        .map((candidate) => candidate.name)
        .join(', ')}`,
    };
  }
  return { found: true, method };
}

function describe(contracts: ReadonlyArray<{ service: DescService }>): string {
  return contracts
    .map(({ service }) => service.methods.map((method) => `${shortName(service)}/${method.name}`).join(', '))
    .join(', ');
}

function describeAll(): string {
  return RPC_CONTRACTS.map((contract) => `${contract.target} (${describe([contract])})`).join(', ');
}
