import { Field, ID, InputType, Int } from 'type-graphql';
import { TicketStatusEnum } from './ticket.type';

@InputType({ description: 'A ticket a department app (or street staff) files about a household (x-purpose TICKET_HANDLING).' })
export class CreateTicketInput {
  @Field(() => ID, { nullable: false, description: 'Hub id of the household (within your reach).' }) householdId!: string;
  @Field(() => ID, { nullable: true, description: 'Hub id of the member it is about, if one.' }) personId?: string | null;
  @Field(() => String, { nullable: false, description: 'Item code of the need-item catalogue: it decides the department, category and priority.' }) item!: string;
  @Field(() => String, { nullable: true, description: 'At most 200 characters; refused when it holds an ID, phone or bank-card number.' }) summary?: string | null;
  @Field(() => String, { nullable: false, description: 'Made once per ticket by the client (e.g. a UUID) and sent again on every retry.' }) idempotencyKey!: string;
}

@InputType({ description: 'A need a resident reports about their own household (x-purpose SELF_SERVICE).' })
export class SubmitNeedInput {
  @Field(() => String, { nullable: false, description: 'Item code of the need-item catalogue.' }) item!: string;
  @Field(() => String, { nullable: true, description: 'At most 200 characters; refused when it holds an ID, phone or bank-card number.' }) summary?: string | null;
  @Field(() => String, { nullable: false, description: 'Made once per need by the client and sent again on every retry.' }) idempotencyKey!: string;
}

@InputType({ description: "A handling department's move of a ticket (x-purpose TICKET_HANDLING)." })
export class TransitionTicketInput {
  @Field(() => ID, { nullable: false }) id!: string;
  @Field(() => TicketStatusEnum, { nullable: false, description: 'ACCEPTED, TRANSFERRED or RESOLVED.' }) to!: TicketStatusEnum;
  @Field(() => Int, { nullable: false, description: 'The version you read: a stale one is refused (TICKET_VERSION_CONFLICT).' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Why, at most 200 characters (never an ID, phone or card number).' }) reason?: string | null;
  @Field(() => String, { nullable: true, description: 'For TRANSFERRED: the registered department taking it over.' }) toDepartment?: string | null;
}

@InputType({ description: "A resident's answer on a ticket about their household (x-purpose SELF_SERVICE)." })
export class ResidentTicketInput {
  @Field(() => ID, { nullable: false }) id!: string;
  @Field(() => Int, { nullable: false }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Why (reopening: what is still wrong), at most 200 characters.' }) reason?: string | null;
}

@InputType({ description: "A resident's rating of a confirmed ticket (x-purpose SELF_SERVICE)." })
export class RateTicketInput {
  @Field(() => ID, { nullable: false }) id!: string;
  @Field(() => Int, { nullable: false }) expectedVersion!: number;
  @Field(() => Int, { nullable: false, description: '1 (bad) to 5 (good).' }) rating!: number;
  @Field(() => String, { nullable: true, description: 'At most 200 characters (never an ID, phone or card number).' }) comment?: string | null;
}
