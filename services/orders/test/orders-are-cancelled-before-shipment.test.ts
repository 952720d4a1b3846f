import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderCancelled } from '@emporium/contracts';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { dataOf, eventsAbout } from '@emporium/platform/messaging/testing';
import { bodyOf, problemOf, waitFor } from '@emporium/platform/testing';
import type { OrderDetail, SagaStarted } from './fixtures/orders-views.ts';
import { type Shopper, shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('cancelling an order', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    orders = await startOrders();
  });
  after(() => orders?.close());

  async function confirmedOrder(): Promise<{ ada: Shopper; order: OrderDetail }> {
    const [lamp] = orders.products;
    assert.ok(lamp);
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 2);
    const order = await ada.settled((await ada.placeOrder()).orderId);
    assert.equal(order.status, 'confirmed');
    return { ada, order };
  }

  const cancel = (ada: Shopper, id: string, body: object = { reason: 'changed my mind' }) =>
    orders.api('POST', `/orders/${id}/cancel`, body, { token: ada.token });

  it('stops the parcel, refunds the capture, releases the stock and announces it', async () => {
    const { ada, order } = await confirmedOrder();
    const [lamp] = orders.products;
    const stockBefore = orders.fakes.inventory.available.get(lamp?.sku ?? '') ?? 0;
    const response = await cancel(ada, order.id);
    assert.equal(response.status, 202, await response.clone().text());
    const started = await bodyOf<SagaStarted>(response);
    assert.equal(started.status, 'confirmed');

    const cancelled = await waitFor('the order to be cancelled', async () => {
      const current = await ada.order(order.id);
      return current.status === 'cancelled' && current;
    });
    assert.deepEqual(cancelled.cancellation, { code: 'CANCELLED_BY_CUSTOMER', reason: 'changed my mind' });
    assert.equal(cancelled.cancellationSagaId, started.sagaId);
    assert.deepEqual(cancelled.refunded, order.total, 'the whole capture went back');
    assert.equal(orders.fakes.shipping.shipmentOf(order.id)?.status, ShipmentStatus.CANCELLED);
    assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.REFUNDED);
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
    assert.equal(orders.fakes.inventory.available.get(lamp?.sku ?? ''), stockBefore + 2);

    const events = await eventsAbout(orders.service.database.db, 'orders', order.id);
    const announced = dataOf(OrderCancelled, events.at(-1));
    assert.equal(announced.reasonCode, 'CANCELLED_BY_CUSTOMER');
    assert.equal(announced.previousStatus, 'confirmed');

    const again = await cancel(ada, order.id);
    assert.equal(again.status, 200, 'cancelling a cancelled order changes nothing');
    assert.equal((await bodyOf<SagaStarted>(again)).status, 'cancelled');
    assert.equal(events.filter((event) => event.type === OrderCancelled.type).length, 1);
  });

  it('starts one cancellation for two requests at once', async () => {
    const { ada, order } = await confirmedOrder();
    const answers = await Promise.all([cancel(ada, order.id, {}), cancel(ada, order.id, {})]);
    const bodies = await Promise.all(answers.map((answer) => bodyOf<SagaStarted>(answer)));
    assert.equal(bodies[0]?.sagaId, bodies[1]?.sagaId);
    const cancelled = await waitFor('the order to be cancelled', async () => {
      const current = await ada.order(order.id);
      return current.status === 'cancelled' && current;
    });
    assert.equal(cancelled.cancellation?.reason, 'cancelled at the customer’s request');
  });

  it('leaves the order confirmed, saying why, once the carrier has the parcel', async () => {
    const { ada, order } = await confirmedOrder();
    orders.fakes.shipping.pickUp(order.id);
    const response = await cancel(ada, order.id);
    assert.equal(response.status, 202);
    const refused = await waitFor('the cancellation to be refused', async () => {
      const current = await ada.order(order.id);
      return current.history.some((entry) => entry.note?.startsWith('cancellation refused')) && current;
    });
    assert.equal(refused.status, 'confirmed');
    assert.equal(refused.cancellationSagaId, null, 'a later request may try again');
    assert.match(refused.history.at(-1)?.note ?? '', /picked the parcel up already/);
    assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.CAPTURED, 'not refunded');
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RESERVED);
  });

  it("answers 404 for someone else's order", async () => {
    const { order } = await confirmedOrder();
    const stranger = await shopper(orders);
    const foreign = await cancel(stranger, order.id);
    assert.equal(foreign.status, 404);
    assert.equal((await problemOf(foreign)).code, 'ORDER_NOT_FOUND');
    assert.equal(orders.fakes.shipping.shipmentOf(order.id)?.status, ShipmentStatus.LABEL_CREATED);
  });
});
