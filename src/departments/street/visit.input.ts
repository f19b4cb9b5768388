import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { VisitOutcomeEnum } from './visit.type';

@InputType({ description: 'What was observed at the door besides the outcome.' })
export class VisitObservationsInput {
  @Field(() => Boolean, { nullable: true }) livesAloneConfirmed?: boolean | null;
  @Field(() => Int, { nullable: true, description: '0 to 99.' }) occupants?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'The people found differ from the registered household (人户不符).' }) addressMismatch?: boolean | null;
}

@InputType({ description: 'A door-to-door visit to record.' })
export class RecordVisitInput {
  @Field(() => ID, { nullable: false, description: 'Hub id of the household visited (in your grids).' }) householdId!: string;
  @Field(() => DateTimeISOResolver, { nullable: false, description: 'When the visit was made: not in the future, not older than the entry window (VISIT_ENTRY_WINDOW_DAYS, 7 by default).' }) visitedAt!: Date;
  @Field(() => VisitOutcomeEnum, { nullable: false }) outcome!: VisitOutcomeEnum;
  @Field(() => [ID], { nullable: false, defaultValue: [], description: 'Hub ids of the registered members met (MET needs at least one).' }) membersMet!: string[];
  @Field(() => VisitObservationsInput, { nullable: true }) observations?: VisitObservationsInput | null;
  @Field(() => String, { nullable: true, description: "The resident's views, at most 500 characters; refused when it holds an ID, phone or bank-card number." }) note?: string | null;
  @Field(() => [String], { nullable: false, defaultValue: [], description: 'Needs raised: item codes of the need-item catalogue (HOUSING_REPAIR, CARE_SERVICE, ...). Each becomes a ticket routed to the department that must act, in the same write as the visit.' }) needs!: string[];
  @Field(() => [String], { nullable: false, defaultValue: [], description: 'Needs of this visit the staff member solved on the spot: each becomes a ticket created RESOLVED (the resident still confirms and rates it).' }) solvedOnSpot!: string[];
  @Field(() => String, { nullable: false, description: 'Made by the client once per visit (e.g. a UUID) and sent again on every retry: a retry returns the same visit.' }) idempotencyKey!: string;
}
