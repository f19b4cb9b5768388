import type { Context } from '../../../schema/context';
import { TicketRefusedError } from './ticketErrors';

/** IDEMPOTENCY_KEY_REUSED for a ticket, noted on the request's access record. */
export class IdempotencyKeyReused extends TicketRefusedError {
  constructor(ctx: Context) {
    super('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different ticket.');
    ctx.audit.refusal ??= 'IDEMPOTENCY_KEY_REUSED';
  }
}
