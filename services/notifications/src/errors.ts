import { defineProblem } from '@emporium/platform/http';

/**
 * Every error notifications answers with, defined once: a stable code and one HTTP status.
 * docs/errors.md and the README list them. Input the schemas refuse answers VALIDATION_FAILED
 * (400) from the chassis.
 */
export const InvalidCursor = defineProblem('INVALID_CURSOR', 400, 'The cursor is not valid for this request');
export const DeliveryNotFound = defineProblem('DELIVERY_NOT_FOUND', 404, 'No such delivery');
export const DeliveryNotFailed = defineProblem(
  'DELIVERY_NOT_FAILED',
  409,
  'Only a failed (dead-lettered) delivery can be retried',
);
export const MailNotFound = defineProblem('MAIL_NOT_FOUND', 404, 'The SMTP sink holds no such mail');
export const MailboxNotKept = defineProblem(
  'MAILBOX_NOT_KEPT',
  404,
  'Mails go to a real SMTP server (SMTP_URL), so the embedded sink keeps none',
);
