import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Policy, ResidentData } from '../../../policy/policy.decorators';
import { TicketStatusEnum } from './ticket.type';
import type { TransitionRow } from './ticketRows';

/**
 * One state change of a ticket: when, from and to which status, by which role and department, and
 * why. Never who (no subject, no name): residents see their tickets' history, not their handlers.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ description: 'A state change of a ticket.' })
export class TicketTransition {
  constructor(readonly row: TransitionRow, readonly subjectId: string, readonly subjectPersonId: string | null = null) {}
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true }) get at(): Date { return new Date(this.row.at); }
  @Policy('street', 1) @Field(() => TicketStatusEnum, { nullable: true, description: 'null for the creation.' }) get from(): string | null { return this.row.from_status; }
  @Policy('street', 1) @Field(() => TicketStatusEnum, { nullable: true }) get to(): string { return this.row.to_status; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The role that made the change (never who).' }) get actorRole(): string { return this.row.actor_role; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The department it acted for (null for a resident).' }) get actorDepartment(): string | null { return this.row.actor_department; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The department holding the ticket after the change.' }) get department(): string | null { return this.row.to_department; }
  @Policy('street', 2) @Field(() => String, { nullable: true, description: 'The short reason given (never an ID, phone or card number).' }) get reason(): string | null { return this.row.reason; }
}
