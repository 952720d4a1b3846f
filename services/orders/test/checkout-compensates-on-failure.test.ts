import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderCancelled, OrderConfirmed } from '@emporium/contracts';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { dataOf, eventsAbout } from '@emporium/platform/messaging/testing';
import { finishedSaga } from './fixtures/saga-log.ts';
import { cardToken, type Shopper, shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('checkout, when a participant says no', () => {
  let orders: OrdersUnderTest;
  let sku: string;
  let scarce: string;
  before(async () => {
    orders = await startOrders();
    const [first, second] = orders.products;
    assert.ok(first && second);
    sku = first.sku;
    scarce = second.sku;
    orders.fakes.inventory.available.set(scarce, 1);
  });
  after(() => orders?.close());

  async function checkoutOf(ada: Shopper, body: Record<string, unknown> = {}) {
    await ada.addToCart(sku, 2);
    const accepted = await ada.placeOrder(body);
    return { accepted, order: await ada.settled(accepted.orderId) };
  }

  /** The order's order.cancelled; unless told otherwise, also checks it was never confirmed. */
  async function cancelledEvent(orderId: string, { confirmedFirst = false } = {}) {
    const events = await eventsAbout(orders.service.database.db, 'orders', orderId);
    assert.equal(
      events.some((event) => event.type === OrderConfirmed.type),
      confirmedFirst,
    );
    return dataOf(
      OrderCancelled,
      events.find((event) => event.type === OrderCancelled.type),
    );
  }

  it('cancels on a declined card, releasing the stock', async () => {
    const before = orders.fakes.inventory.available.get(sku);
    const { accepted, order } = await checkoutOf(await shopper(orders), { cardToken: cardToken('declined') });
    assert.equal(order.status, 'cancelled');
    assert.equal(order.cancellation?.code, 'PAYMENT_DECLINED');
    assert.match(order.cancellation?.reason ?? '', /card was declined.*card_declined/);
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
    assert.equal(orders.fakes.inventory.available.get(sku), before, 'stock is back');
    assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.FAILED);
    assert.equal(orders.fakes.shipping.shipmentOf(order.id), undefined, 'no parcel was booked');
    assert.deepEqual(
      order.history.map((entry) => entry.status),
      ['pending', 'awaiting_payment', 'cancelled'],
    );
    const event = await cancelledEvent(order.id);
    assert.equal(event.reasonCode, 'PAYMENT_DECLINED');
    assert.equal(event.previousStatus, 'awaiting_payment');

    const saga = await finishedSaga(orders, accepted.sagaId);
    assert.equal(saga.status, 'compensated');
    assert.match(saga.failure ?? '', /^authorise-payment: /);
    assert.deepEqual(
      saga.steps.filter((entry) => entry.phase === 'compensation').map((entry) => entry.step),
      ['authorise-payment', 'reserve-stock', 'create-order'],
      'started steps are undone in reverse (quote has nothing to undo)',
    );
    assert.equal(
      saga.steps.filter((entry) => entry.step === 'authorise-payment' && entry.phase === 'action').length,
      1,
      'a decline is not retried',
    );
  });

  it('cancels when the fraud checks decline the payment', async () => {
    const { order } = await checkoutOf(await shopper(orders), { cardToken: cardToken('fraud') });
    assert.equal(order.status, 'cancelled');
    assert.equal(order.cancellation?.code, 'PAYMENT_DECLINED');
    assert.match(order.cancellation?.reason ?? '', /fraud checks.*fraudulent/);
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
  });

  it('cancels when one line is short of stock, without touching the card', async () => {
    const ada = await shopper(orders);
    await ada.addToCart(scarce, 3);
    const order = await ada.settled((await ada.placeOrder()).orderId);
    assert.equal(order.status, 'cancelled');
    assert.equal(order.cancellation?.code, 'OUT_OF_STOCK');
    assert.match(order.cancellation?.reason ?? '', new RegExp(`${scarce}: 3 wanted, 1 available`));
    assert.equal(orders.fakes.payments.paymentOf(order.id), undefined, 'nothing was authorised');
    assert.equal(orders.fakes.inventory.available.get(scarce), 1);
    assert.equal(order.total, null, 'never priced');
    assert.equal((await cancelledEvent(order.id)).previousStatus, 'pending');
  });

  it('voids the payment and releases the stock when the carrier fails', async () => {
    orders.fakes.shipping.carriersDown.add('parcelpost');
    try {
      const { accepted, order } = await checkoutOf(await shopper(orders));
      assert.equal(order.status, 'cancelled');
      assert.equal(order.cancellation?.code, 'CHECKOUT_FAILED');
      assert.match(
        order.cancellation?.reason ?? '',
        /create-shipment: .*carrier parcelpost is not answering/,
      );
      assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.VOIDED);
      assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
      assert.equal(orders.fakes.shipping.shipmentOf(order.id), undefined);
      const saga = await finishedSaga(orders, accepted.sagaId);
      assert.equal(
        saga.steps.filter((entry) => entry.step === 'create-shipment' && entry.phase === 'action').length,
        3,
        'an outage is retried before the saga gives up',
      );
    } finally {
      orders.fakes.shipping.carriersDown.clear();
    }
  });

  it('gives the hold back and cancels the booked parcel when the capture is refused after confirmation', async () => {
    orders.fakes.payments.refuseCaptures = true;
    try {
      const { order } = await checkoutOf(await shopper(orders));
      assert.equal(order.status, 'cancelled');
      assert.equal(order.cancellation?.code, 'PAYMENT_DECLINED');
      assert.deepEqual(
        order.history.map((entry) => entry.status),
        ['pending', 'awaiting_payment', 'confirmed', 'cancelled'],
      );
      assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.VOIDED);
      assert.equal(orders.fakes.shipping.shipmentOf(order.id)?.status, ShipmentStatus.CANCELLED);
      assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
      assert.equal((await cancelledEvent(order.id, { confirmedFirst: true })).previousStatus, 'confirmed');
    } finally {
      orders.fakes.payments.refuseCaptures = false;
    }
  });

  it('cancels when the destination is not served, or the coupon does not exist', async () => {
    const far = await checkoutOf(await shopper(orders), {
      shipTo: { name: 'Kiri', line1: '1 Queen St', city: 'Auckland', postalCode: '1010', country: 'NZ' },
    });
    assert.equal(far.order.cancellation?.code, 'SHIPPING_REFUSED');
    assert.match(far.order.cancellation?.reason ?? '', /no carrier ships standard to NZ/);
    const coupon = await checkoutOf(await shopper(orders), { couponCode: 'NOSUCH' });
    assert.equal(coupon.order.cancellation?.code, 'QUOTE_REFUSED');
    assert.match(coupon.order.cancellation?.reason ?? '', /NOSUCH is not a coupon/);
    for (const { order } of [far, coupon]) {
      assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
      assert.equal(orders.fakes.payments.paymentOf(order.id), undefined);
    }
  });
});
