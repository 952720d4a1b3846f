import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CircuitOpenError } from '@emporium/platform/resilience';
import { Code, ConnectError, toRpcError } from '@emporium/platform/rpc';
import { isRefusal, mayHaveTakenEffect, refusalMessage } from '../src/participants/participant-errors.ts';

/** An error as orders' RPC clients raise it: wrapped by the chassis with target and method. */
const fromClient = (error: unknown) => toRpcError(error, 'shipping', 'ShippingService/CreateShipment');

describe('participant failures', () => {
  it('take a definite answer as a refusal, in the participant’s own words', () => {
    for (const code of [Code.FailedPrecondition, Code.InvalidArgument, Code.AlreadyExists, Code.NotFound]) {
      const error = fromClient(new ConnectError('ship_to.country: not served', code));
      assert.equal(isRefusal(error), true, Code[code]);
      assert.equal(mayHaveTakenEffect(error), false, Code[code]);
      assert.equal(refusalMessage(error), 'ship_to.country: not served');
    }
    assert.equal(isRefusal(fromClient(new ConnectError('down', Code.Unavailable))), false);
    assert.equal(isRefusal(new Error('plain')), false);
  });

  it('know that an answered or an unsent call changed nothing', () => {
    assert.equal(mayHaveTakenEffect(fromClient(new ConnectError('carrier down', Code.Unavailable))), false);
    assert.equal(mayHaveTakenEffect(fromClient(new CircuitOpenError('shipping', 5, 1000))), false);
    assert.equal(mayHaveTakenEffect(fromClient(new ConnectError('internal error', Code.Internal))), false);
  });

  it('keep in doubt a call that timed out, was cut off, or failed in an unknown way', () => {
    assert.equal(mayHaveTakenEffect(fromClient(new ConnectError('too slow', Code.DeadlineExceeded))), true);
    assert.equal(mayHaveTakenEffect(fromClient(new ConnectError('cancelled', Code.Canceled))), true);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const lost = new ConnectError('connection lost', Code.Unavailable, undefined, undefined, reset);
    assert.equal(mayHaveTakenEffect(fromClient(lost)), true);
    const refused = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    assert.equal(
      mayHaveTakenEffect(
        fromClient(new ConnectError('unreachable', Code.Unavailable, undefined, undefined, refused)),
      ),
      false,
      'a refused connection never carried the request',
    );
    assert.equal(mayHaveTakenEffect(new DOMException('The operation was aborted', 'AbortError')), true);
  });
});
