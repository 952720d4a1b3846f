/**
 * The one table of what the gateway exposes: each public path prefix, the service behind it
 * (found through the registry), the service's own path for it, who may call it, and the
 * rate-limit class it counts against. Everything not in the table is a 404 at the gateway.
 */

/** public: anyone (a token, if sent, must still be valid); user: a valid token; admin: one with the admin role. */
export type Access = 'public' | 'user' | 'admin';

/** Counters are kept per client and per class: a shopper browsing does not eat into their checkout budget. */
export type RateClass = 'auth' | 'read' | 'write' | 'admin';
export const RATE_CLASSES: readonly RateClass[] = ['auth', 'read', 'write', 'admin'];

export interface GatewayRoute {
  /** Public path under /api; it also matches every path below it (`/api/products/ABC-1`). */
  path: string;
  /** The service's name in the registry. */
  service: string;
  /** The service's own path for `path`: `/api/products/ABC-1` -> `/products/ABC-1`. */
  upstream: string;
  /** Access for safe methods (GET, HEAD) and for every other method. */
  read: Access;
  write: Access;
  /** Only these methods reach the service; default: all. */
  methods?: readonly string[];
  /** Rate class; default: admin for admin routes, read for safe methods, write for the rest. */
  rateClass?: RateClass;
  /** Per-attempt timeout for this route, where the service may take longer than the default. */
  timeoutMs?: number;
}

const READ_ONLY = ['GET', 'HEAD'] as const;
const admin = (path: string, service: string, upstream: string): GatewayRoute => ({
  path: `/api/admin${path}`,
  service,
  upstream,
  read: 'admin',
  write: 'admin',
});

export const ROUTES: readonly GatewayRoute[] = [
  // identity
  {
    path: '/api/auth',
    service: 'identity',
    upstream: '/auth',
    read: 'public',
    write: 'public',
    rateClass: 'auth',
  },
  { path: '/api/users/me', service: 'identity', upstream: '/me', read: 'user', write: 'user' },
  admin('/users', 'identity', '/users'),
  // catalog: shoppers read, admins write
  { path: '/api/products', service: 'catalog', upstream: '/products', read: 'public', write: 'admin' },
  { path: '/api/categories', service: 'catalog', upstream: '/categories', read: 'public', write: 'admin' },
  {
    path: '/api/search',
    service: 'catalog',
    upstream: '/products',
    read: 'public',
    write: 'public',
    methods: READ_ONLY,
  },
  // inventory and pricing, what the storefront shows
  {
    path: '/api/stock',
    service: 'inventory',
    upstream: '/stock',
    read: 'public',
    write: 'public',
    methods: READ_ONLY,
  },
  {
    path: '/api/prices',
    service: 'pricing',
    upstream: '/prices',
    read: 'public',
    write: 'public',
    methods: READ_ONLY,
  },
  {
    path: '/api/quotes',
    service: 'pricing',
    upstream: '/quotes',
    read: 'public',
    write: 'public',
    methods: ['POST'],
  },
  // orders: guest carts, the user's cart, checkout (a saga: slower), order history
  { path: '/api/carts', service: 'orders', upstream: '/carts', read: 'public', write: 'public' },
  { path: '/api/cart', service: 'orders', upstream: '/cart', read: 'public', write: 'public' },
  {
    path: '/api/checkout',
    service: 'orders',
    upstream: '/checkout',
    read: 'user',
    write: 'user',
    timeoutMs: 30_000,
  },
  { path: '/api/orders', service: 'orders', upstream: '/orders', read: 'user', write: 'user' },
  // payments: card tokenisation (signed in or not)
  { path: '/api/payments', service: 'payments', upstream: '/payments', read: 'public', write: 'public' },
  // shipping: rate quotes and tracking are public, labels are the warehouse's
  {
    path: '/api/shipments/rates',
    service: 'shipping',
    upstream: '/shipping/rates',
    read: 'public',
    write: 'public',
    methods: ['POST'],
  },
  {
    path: '/api/shipments/tracking',
    service: 'shipping',
    upstream: '/tracking',
    read: 'public',
    write: 'public',
    methods: READ_ONLY,
  },
  { path: '/api/shipments', service: 'shipping', upstream: '/shipments', read: 'admin', write: 'admin' },
  // notifications and analytics
  {
    path: '/api/notifications',
    service: 'notifications',
    upstream: '/notifications',
    read: 'user',
    write: 'user',
  },
  { path: '/api/reports', service: 'analytics', upstream: '/reports', read: 'admin', write: 'admin' },
  // the ops side: every service's admin routes under /api/admin
  admin('/stock', 'inventory', '/admin/stock'),
  admin('/warehouses', 'inventory', '/admin/warehouses'),
  admin('/reservations', 'inventory', '/admin/reservations'),
  admin('/prices', 'pricing', '/admin/prices'),
  admin('/promotions', 'pricing', '/admin/promotions'),
  admin('/tax-rules', 'pricing', '/admin/tax-rules'),
  admin('/orders', 'orders', '/admin/orders'),
  admin('/sagas', 'orders', '/sagas'),
  admin('/payments', 'payments', '/admin/payments'),
  admin('/ledger', 'payments', '/admin/ledger'),
  admin('/shipments', 'shipping', '/admin/shipments'),
  admin('/carriers', 'shipping', '/admin/carriers'),
  admin('/choreographies', 'orders', '/choreographies'),
  admin('/deliveries', 'notifications', '/admin/deliveries'),
  admin('/mailbox', 'notifications', '/admin/mailbox'),
  admin('/facts', 'analytics', '/admin/facts'),
  admin('/rebuild', 'analytics', '/admin/rebuild'),
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/** Who may call `route` with `method`. */
export function accessFor(route: GatewayRoute, method: string): Access {
  return isSafeMethod(method) ? route.read : route.write;
}

export function rateClassFor(route: GatewayRoute, method: string): RateClass {
  if (route.rateClass) return route.rateClass;
  if (accessFor(route, method) === 'admin') return 'admin';
  return isSafeMethod(method) ? 'read' : 'write';
}

/** The service's path for a public one under `route` (the query string is kept as it is). */
export function upstreamPath(route: GatewayRoute, url: string): string {
  return route.upstream + url.slice(route.path.length);
}

/** Every service the table routes to, for the combined OpenAPI document. */
export function routedServices(routes: readonly GatewayRoute[] = ROUTES): string[] {
  return [...new Set(routes.map((route) => route.service))];
}
