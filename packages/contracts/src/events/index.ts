export { allEvents } from './all-events.ts';
export { buildAsyncApiDocument, messageName } from './asyncapi-document.ts';
export { catalogEvents, ProductCreated, ProductDiscontinued, ProductUpdated } from './catalog-events.ts';
export {
  CheckoutAbandoned,
  CheckoutRequested,
  CouponRedeemed,
  CouponRedemptionRequested,
  checkoutEvents,
  InventoryCheckoutRefused,
  OrderQuoted,
  PaymentCaptureRequested,
  PaymentRequested,
  PaymentsCheckoutRefused,
  PricingCheckoutRefused,
  RateQuoted,
  ShipmentRequested,
  ShippingCheckoutRefused,
} from './checkout-events.ts';
export { defineEvent, type EventData, type EventDefinition } from './define-event.ts';
export { identityEvents, UserPreferencesChanged, UserRegistered, UserUpdated } from './identity-events.ts';
export {
  inventoryEvents,
  StockAdjusted,
  StockCommitted,
  StockLow,
  StockReleased,
  StockReserved,
} from './inventory-events.ts';
export { NotificationFailed, NotificationSent, notificationEvents } from './notification-events.ts';
export {
  CartStarted,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
  orderEvents,
} from './order-events.ts';
export {
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentVoided,
  paymentEvents,
} from './payment-events.ts';
export { PriceChanged, pricingEvents } from './pricing-events.ts';
export {
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentException,
  ShipmentReturned,
  shippingEvents,
} from './shipping-events.ts';
