import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TICKET_EVENT_KINDS } from '../../events/ticketEvents';

export const TicketEventKindEnum = Object.fromEntries(TICKET_EVENT_KINDS.map((k) => [k, k])) as Record<(typeof TICKET_EVENT_KINDS)[number], string>;
registerEnumType(TicketEventKindEnum, { name: 'TicketEventKind', description: 'CREATED: a new ticket in the queue; TRANSITIONED: a ticket of the queue changed status, moved to it, or (fromDepartment) was transferred out of it.' });

/**
 * A ticket event as a department app receives it (src/events/ticketEvents.ts): ids and codes
 * only. Not resident data: to learn who and what, the app reads the ticket under policy.
 */
@ObjectType('TicketEvent', { simpleResolvers: true, description: 'Something happened to a ticket in a department\'s queue: ids and codes only; read the ticket for the rest.' })
export class TicketEventType {
  @Field(() => ID, { nullable: false, description: 'The ticket\'s id.' }) ticketId!: string;
  @Field(() => TicketEventKindEnum, { nullable: false }) kind!: string;
  @Field(() => String, { nullable: false, description: 'The department whose queue the ticket is in.' }) department!: string;
  @Field(() => String, { nullable: true, description: 'On a transfer: the department that passed it on. Both it and the department taking it over receive the event.' }) fromDepartment?: string | null;
  @Field(() => String, { nullable: false, description: 'Need-catalogue item code.' }) item!: string;
  @Field(() => String, { nullable: false, description: 'Priority code.' }) priority!: string;
  @Field(() => String, { nullable: false, description: 'Status after the write.' }) status!: string;
  @Field(() => GraphQLISODateTime, { nullable: false, description: 'When the write committed.' }) at!: Date;
  @Field(() => Int, { nullable: false, description: 'The ticket\'s version after the write (send it with the next transition).' }) version!: number;
}
