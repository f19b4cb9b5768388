import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { FigureGrouping } from './ticketFigures';
import { FIGURE_GROUPINGS } from './ticketFigures';

export const TicketFigureGrouping = Object.fromEntries(FIGURE_GROUPINGS.map((g) => [g, g])) as { [K in FigureGrouping]: K };
registerEnumType(TicketFigureGrouping, { name: 'TicketFigureGrouping', description: 'How ticket figures are broken down: by the grid or community of the household, or by the department now responsible.' });

@ObjectType({ description: 'The ticket figures of one group for the period (definitions: docs/tickets.md). A group under the minimum size shows no number at all.' })
export class TicketFigureGroup {
  @Field(() => String, { nullable: false, description: 'The grid id, community code or department name.' }) key!: string;
  @Field(() => Boolean, { nullable: false, description: 'True when the group is too small (or would let a small one be derived): every number below is null.' }) suppressed!: boolean;
  @Field(() => Int, { nullable: true, description: 'Tickets received in the period.' }) received!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of them, still open.' }) open!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of the open ones, past their close deadline at asOf.' }) overdue!: number | null;
  @Field(() => Float, { nullable: true }) solvedOnSpotPercent!: number | null;
  @Field(() => Float, { nullable: true }) startedOnTimePercent!: number | null;
  @Field(() => Float, { nullable: true }) transferredOnTimePercent!: number | null;
  @Field(() => Float, { nullable: true }) closedPercent!: number | null;
  @Field(() => Float, { nullable: true }) closedOnTimePercent!: number | null;
  @Field(() => Float, { nullable: true }) repeatPercent!: number | null;
  @Field(() => Float, { nullable: true }) secondComplaintPercent!: number | null;
  @Field(() => Float, { nullable: true }) departmentResponsePercent!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean rating (1–5, two decimals); null with fewer ratings than minimumGroupSize.' }) meanSatisfaction!: number | null;
}

@ObjectType({ description: "Ticket figures for a period, per grid, community or department, over the caller's scope: counts and percentages, no ticket and no resident." })
export class TicketFigures {
  @Field(() => String, { nullable: false, description: 'First month (YYYY-MM, China time).' }) from!: string;
  @Field(() => String, { nullable: false, description: 'Last month, included.' }) to!: string;
  @Field(() => TicketFigureGrouping, { nullable: false }) groupBy!: FigureGrouping;
  @Field(() => String, { nullable: false, description: 'The instant the tickets were counted at (ISO 8601): open, overdue and due are as of it.' }) asOf!: string;
  @Field(() => Int, { nullable: false, description: 'A group is suppressed unless each month of the period has this many of its tickets (docs/tickets.md).' }) minimumGroupSize!: number;
  @Field(() => [TicketFigureGroup], { nullable: false, description: 'Groups with tickets in the period, by key.' }) groups!: TicketFigureGroup[];
}
