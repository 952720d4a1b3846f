import type { Logger } from '@emporium/platform/log';
import type { Channel } from '../domain/channel.ts';
import { afterFailure, retryDelayMs } from '../domain/delivery-status.ts';
import {
  claimDueDelivery,
  type DueDelivery,
  markFailed,
  markRetry,
  markSent,
} from '../store/deliveries-store.ts';
import { findRecipient, saveProfile } from '../store/recipients-store.ts';
import { type ChannelProvider, DeliveryError } from './channel-provider.ts';
import type { LookUpUser, NotificationDeps } from './notification-deps.ts';

export interface SenderOptions {
  providers: ReadonlyMap<Channel, ChannelProvider>;
  lookUpUser: LookUpUser;
  maxAttempts: number;
  retryBaseMs: number;
  logger: Logger;
  random?: () => number;
  /** Aborted on shutdown: the pass ends after the delivery in hand. */
  signal?: AbortSignal;
}

/**
 * Sends every delivery that is due, one per transaction: the row is locked (SKIP LOCKED, so
 * instances share the work), sent through its channel, and its outcome written to the
 * delivery log with the outcome event in the same commit. A failure is retried with backoff
 * until `maxAttempts`, or at once given up when the channel says it is permanent; given up is
 * status `failed` with the reason (the delivery log's dead letters). Returns how many it handled.
 */
export async function sendDueDeliveries(deps: NotificationDeps, options: SenderOptions): Promise<number> {
  let handled = 0;
  while (!options.signal?.aborted) {
    const more = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock();
      const delivery = await claimDueDelivery(trx, now);
      if (!delivery) return false;
      const attempts = delivery.attempts + 1;
      const outcome = {
        notificationId: delivery.notification.id,
        deliveryId: delivery.id,
        userId: delivery.notification.user_id,
        kind: delivery.notification.kind,
        channel: delivery.channel,
        attempts,
      };
      try {
        const receipt = await sendOne(deps, options, delivery);
        const at = deps.clock();
        await markSent(trx, delivery.id, { attempts, ...receipt, at });
        await deps.events.sent(trx, outcome, at);
      } catch (error) {
        const at = deps.clock();
        const reason = error instanceof Error ? error.message : String(error);
        const permanent = error instanceof DeliveryError && error.permanent;
        if (afterFailure(attempts, options.maxAttempts, permanent) === 'retry') {
          const delay = retryDelayMs(attempts, options.retryBaseMs, (options.random ?? Math.random)());
          await markRetry(trx, delivery.id, {
            attempts,
            error: reason,
            nextAttemptAt: new Date(at.getTime() + delay),
            at,
          });
          options.logger.info(
            { deliveryId: delivery.id, channel: delivery.channel, attempts, retryInMs: delay, reason },
            'delivery failed; will retry',
          );
        } else {
          const why = permanent ? `refused: ${reason}` : `gave up after ${attempts} attempts: ${reason}`;
          await markFailed(trx, delivery.id, { attempts, error: why, at });
          await deps.events.failed(trx, outcome, { outcome: 'failed', reason: why }, at);
          options.logger.warn(
            { deliveryId: delivery.id, channel: delivery.channel, attempts, reason: why },
            'delivery dead-lettered',
          );
        }
      }
      return true;
    });
    if (!more) break;
    handled++;
  }
  return handled;
}

async function sendOne(deps: NotificationDeps, options: SenderOptions, delivery: DueDelivery) {
  const provider = options.providers.get(delivery.channel);
  if (!provider) throw new DeliveryError(`no provider for the ${delivery.channel} channel`, true);
  const userId = delivery.notification.user_id;
  let email: string | null = null;
  if (delivery.channel === 'email') {
    email = (await findRecipient(deps.db, userId))?.email ?? null;
    if (!email) email = await askIdentity(deps, options, userId);
  }
  return provider.send({
    deliveryId: delivery.id,
    userId,
    email,
    subject: delivery.notification.subject,
    text: delivery.notification.body_text,
    html: delivery.notification.body_html,
  });
}

/**
 * The address of a user whose user.registered has not reached this service (it was published
 * before notifications first subscribed, or is still on its way): identity's GetUser, kept
 * in the projection. Identity unreachable is a failure worth retrying; no such user is not.
 */
async function askIdentity(deps: NotificationDeps, options: SenderOptions, userId: string): Promise<string> {
  let user: Awaited<ReturnType<LookUpUser>>;
  try {
    user = await options.lookUpUser(userId);
  } catch (error) {
    throw new DeliveryError(
      `email address unknown; identity did not answer: ${(error as Error).message}`,
      false,
    );
  }
  if (!user) throw new DeliveryError(`identity knows no user ${userId}`, true);
  await saveProfile(deps.db, { userId, ...user }, deps.clock());
  return user.email;
}
