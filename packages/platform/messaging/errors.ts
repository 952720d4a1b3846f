import { defineProblem } from '../http/index.ts';

/** Errors of the messaging chassis's admin routes (see dead-letter-routes.ts). */
export const DeadLetterNotFound = defineProblem('DEAD_LETTER_NOT_FOUND', 404, 'No such dead letter');
export const DeadLetterAlreadyReplayed = defineProblem(
  'DEAD_LETTER_ALREADY_REPLAYED',
  409,
  'The dead letter was replayed already',
);
export const DeadLetterGroupNotConsumed = defineProblem(
  'DEAD_LETTER_GROUP_NOT_CONSUMED',
  409,
  'No consumer of this service reads the dead letter’s group',
);
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The page cursor is not valid');
