import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ReservationStatus } from '@emporium/contracts/proto/inventory/v1/inventory_service';
import { PaymentStatus } from '@emporium/contracts/proto/payments/v1/payment_service';
import { ShipmentStatus } from '@emporium/contracts/proto/shipping/v1/shipping_service';
import { shopper } from './fixtures/shopper.ts';
import { type OrdersUnderTest, startOrders } from './fixtures/start-orders.ts';

describe('checkout, when a participant acts but its answer is lost', () => {
  let orders: OrdersUnderTest;
  before(async () => {
    // Short RPC deadlines, so the lost answers time out quickly.
    orders = await startOrders({ host: { RPC_TIMEOUT_MS: 150, RPC_RETRY_MAX_ATTEMPTS: 1 } });
  });
  after(() => orders?.close());

  it('finds the parcel that was booked after all, and cancels it with the rest', async () => {
    const [lamp] = orders.products;
    assert.ok(lamp);
    // Every booking attempt of the step goes through at the carrier, and every answer is lost.
    orders.fakes.shipping.unansweredBookings = 3;
    const ada = await shopper(orders);
    await ada.addToCart(lamp.sku, 1);
    const order = await ada.settled((await ada.placeOrder()).orderId);

    assert.equal(order.status, 'cancelled');
    assert.equal(order.cancellation?.code, 'CHECKOUT_FAILED');
    assert.equal(order.shipmentId, null, 'the saga never learnt of the parcel from the step itself');
    const parcel = orders.fakes.shipping.shipmentOf(order.id);
    assert.ok(parcel, 'the carrier did book it');
    assert.equal(
      parcel.status,
      ShipmentStatus.CANCELLED,
      'the compensation asked again, found it, and cancelled it',
    );
    assert.equal(orders.fakes.shipping.shipments.size, 1, 'asking again booked nothing new');
    assert.equal(orders.fakes.payments.paymentOf(order.id)?.status, PaymentStatus.VOIDED);
    assert.equal(orders.fakes.inventory.reservationOf(order.id)?.status, ReservationStatus.RELEASED);
    const doubts = await orders.service.database.db.selectFrom('participant_calls').select('id').execute();
    assert.equal(doubts.length, 0, 'a finished saga leaves no open calls behind');
  });
});
