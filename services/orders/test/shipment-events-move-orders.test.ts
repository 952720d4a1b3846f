/**
 * Over a real PostgreSQL bus: shipping's events (here published by the test, as shipping's
 * relay would) take a confirmed order to shipped (committing its stock) and delivered; after
 * that it cannot be cancelled, but an admin can refund it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type EventData,
  type EventDefinition,
  OrderDelivered,
  OrderRefunded,
  OrderShipped,
  ShipmentDelivered,
  ShipmentDispatched,
} from '@emporium/contracts';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { createCloudEvent, createPostgresTransport, type EventTransport } from '@emporium/platform/messaging';
import { dataOf, eventsAbout, publishEvents } from '@emporium/platform/messaging/testing';
import {
  bodyOf,
  createTestDatabase,
  problemOf,
  type TestDatabase,
  waitFor,
} from '@emporium/platform/testing';
import type { OrderDetail, OrderList, SagaStarted } from './fixtures/orders-views.ts';
import { shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('shipping events move orders on', () => {
  let bus: TestDatabase;
  let transport: EventTransport;
  let orders: OrdersUnderTest;
  before(async () => {
    bus = await createTestDatabase('bus');
    transport = await createPostgresTransport({ url: bus.url });
    orders = await startOrders({ eventTransport: transport });
  });
  after(async () => {
    await orders?.close();
    await transport?.close();
    await bus?.drop();
  });

  /** Publishes as shipping's relay would: the subject is the shipment. */
  async function publish<Definition extends EventDefinition>(
    definition: Definition,
    data: EventData<Definition> & { shipmentId: string },
  ) {
    const event = createCloudEvent('shipping', definition, { subject: data.shipmentId, data });
    await publishEvents(transport, event);
    return event;
  }

  it('ships, then delivers, a confirmed order; then only an admin refund moves it', async () => {
    const [lamp] = orders.products;
    assert.ok(lamp);
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 1);
    const order = await ada.settled((await ada.placeOrder()).orderId);
    assert.equal(order.status, 'confirmed');
    const parcel = {
      shipmentId: order.shipmentId ?? '',
      orderId: order.id,
      carrier: 'parcelpost',
      serviceLevel: 'standard',
      trackingNumber: order.trackingNumber ?? '',
    };
    const statusOf = (wanted: OrderDetail['status']) =>
      waitFor(`order ${order.id} to be ${wanted}`, async () => {
        const current = await ada.order(order.id);
        return current.status === wanted && current;
      });

    const dispatched = await publish(ShipmentDispatched, {
      ...parcel,
      dispatchedAt: new Date().toISOString(),
    });
    await publish(ShipmentDispatched, { ...parcel, dispatchedAt: new Date().toISOString() });
    const shipped = await statusOf('shipped');
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.COMMITTED);
    const late = await orders.api('POST', `/orders/${order.id}/cancel`, {}, { token: ada.token });
    assert.equal(late.status, 409);
    assert.match((await problemOf(late)).detail, /already shipped/);

    await publish(ShipmentDelivered, {
      ...parcel,
      deliveryAttempts: 1,
      deliveredAt: new Date().toISOString(),
    });
    const delivered = await statusOf('delivered');
    assert.deepEqual(
      delivered.history.map((entry) => entry.status),
      ['pending', 'awaiting_payment', 'confirmed', 'shipped', 'delivered'],
    );
    assert.equal(shipped.trackingNumber, order.trackingNumber);
    const announced = await eventsAbout(orders.service.database.db, 'orders', order.id);
    assert.equal(
      announced.filter((event) => event.type === OrderShipped.type).length,
      1,
      'the repeat is ignored',
    );
    assert.equal(
      dataOf(
        OrderShipped,
        announced.find((event) => event.type === OrderShipped.type),
      ).trackingNumber,
      parcel.trackingNumber,
    );
    assert.equal(dataOf(OrderDelivered, announced.at(-1)).shipmentId, parcel.shipmentId);
    const inbox = await orders.service.database.db
      .selectFrom('inbox')
      .select('event_id')
      .where('event_id', '=', dispatched.id)
      .execute();
    assert.equal(inbox.length, 1);

    const customerRefund = await orders.api(
      'POST',
      `/admin/orders/${order.id}/refund`,
      { reason: 'lost' },
      { token: ada.token },
    );
    assert.equal(customerRefund.status, 403);
    const admin = await orders.issuer.token({ roles: ['admin'] });
    const refund = await orders.api(
      'POST',
      `/admin/orders/${order.id}/refund`,
      { reason: 'returned: arrived broken' },
      { token: admin },
    );
    assert.equal(refund.status, 202, await refund.clone().text());
    assert.equal((await bodyOf<SagaStarted>(refund)).status, 'delivered');
    const refunded = await statusOf('refunded');
    assert.deepEqual(refunded.refunded, order.total);
    assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.REFUNDED);
    const events = await eventsAbout(orders.service.database.db, 'orders', order.id);
    assert.equal(dataOf(OrderRefunded, events.at(-1)).reason, 'returned: arrived broken');

    const listed = await bodyOf<OrderList>(
      await orders.api('GET', '/admin/orders?status=refunded', undefined, { token: admin }),
    );
    assert.deepEqual(
      listed.items.map((item) => item.id),
      [order.id],
    );
  });

  it('ignores events about orders it does not know', async () => {
    const stranger = {
      shipmentId: '00000000-0000-4000-8000-000000000001',
      orderId: '00000000-0000-4000-8000-000000000002',
      carrier: 'parcelpost',
      serviceLevel: 'standard',
      trackingNumber: 'PP000000001DE',
    };
    const unknown = await publish(ShipmentDispatched, {
      ...stranger,
      dispatchedAt: new Date().toISOString(),
    });
    const foreign = await publish(ShipmentDelivered, {
      ...stranger,
      orderId: 'not-one-of-ours',
      deliveryAttempts: 1,
      deliveredAt: new Date().toISOString(),
    });
    for (const event of [unknown, foreign]) {
      await waitFor('the event to be handled', () =>
        orders.service.database.db
          .selectFrom('inbox')
          .select('event_id')
          .where('event_id', '=', event.id)
          .executeTakeFirst(),
      );
    }
    const letters = await orders.service.database.db.selectFrom('dead_letters').select('id').execute();
    assert.equal(letters.length, 0, 'nothing failed');
  });
});
