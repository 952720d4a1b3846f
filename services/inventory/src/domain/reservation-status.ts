/**
 * A reservation's life: it holds stock while `reserved`, then ends exactly once, committed
 * (the goods ship), released (the order gave it back) or expired (not committed in time).
 */
export const RESERVATION_STATUSES = ['reserved', 'released', 'committed', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

const TRANSITIONS: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  reserved: ['released', 'committed', 'expired'],
  released: [],
  committed: [],
  expired: [],
};

export function canMove(from: ReservationStatus, to: ReservationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Whether a reservation still holding stock is past its expiry at `now`. Such a reservation is
 * expired whether or not the expiry job has reached it yet: Reserve, Release and Commit
 * expire it themselves first, so no caller can commit stock the job was about to give back.
 */
export function isDue(reservation: { status: ReservationStatus; expiresAt: Date }, now: Date): boolean {
  return reservation.status === 'reserved' && reservation.expiresAt.getTime() <= now.getTime();
}

/** What Release does to a reservation in `status` (the proto's contract). */
export type ReleaseDecision = 'release' | 'nothing-to-do' | 'refuse-committed';

export function releaseDecision(status: ReservationStatus): ReleaseDecision {
  if (status === 'committed') return 'refuse-committed';
  return canMove(status, 'released') ? 'release' : 'nothing-to-do';
}

/** What Commit does: commits once, answers a repeat with the same result, refuses an ended one. */
export type CommitDecision = 'commit' | 'nothing-to-do' | 'refuse-ended';

export function commitDecision(status: ReservationStatus): CommitDecision {
  if (status === 'committed') return 'nothing-to-do';
  return canMove(status, 'committed') ? 'commit' : 'refuse-ended';
}

/**
 * What a repeated Reserve (same order, same lines) answers: the reservation when it holds or
 * took the stock, a refusal when it ended without shipping. Answering a released or expired
 * reservation as a success would let a caller that only checks for errors carry on with no
 * stock held (and ship goods inventory never counted out).
 */
export type ReserveAgainDecision = 'answer' | 'refuse-ended';

export function reserveAgainDecision(status: ReservationStatus): ReserveAgainDecision {
  return status === 'released' || status === 'expired' ? 'refuse-ended' : 'answer';
}
