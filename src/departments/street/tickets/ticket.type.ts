import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Policy, ResidentData, Structural } from '../../../policy/policy.decorators';
import { NEED_CATEGORIES, PRIORITIES } from './needItems';
import type { TicketRow } from './ticketRows';
import { OPEN_STATUSES, TICKET_STATUSES } from './ticketStates';

export enum TicketStatusEnum { RECEIVED = 'RECEIVED', ACCEPTED = 'ACCEPTED', TRANSFERRED = 'TRANSFERRED', RESOLVED = 'RESOLVED', CONFIRMED = 'CONFIRMED', RATED = 'RATED', REOPENED = 'REOPENED' }
registerEnumType(TicketStatusEnum, { name: 'TicketStatus', description: 'Where a ticket is in the state machine (README, Tickets).' });
if (Object.values(TicketStatusEnum).join() !== TICKET_STATUSES.join()) throw new Error('TicketStatus enum and TICKET_STATUSES differ');

export enum TicketPriorityEnum { IMMEDIATE = 'IMMEDIATE', WITHIN_24_HOURS = 'WITHIN_24_HOURS', WITHIN_3_WORKING_DAYS = 'WITHIN_3_WORKING_DAYS' }
registerEnumType(TicketPriorityEnum, { name: 'TicketPriority', description: 'How soon the responsible department must start, from the need-item catalogue.' });
if (Object.values(TicketPriorityEnum).join() !== PRIORITIES.join()) throw new Error('TicketPriority enum and PRIORITIES differ');

export enum NeedCategoryEnum { POLICY_ENQUIRY = 'POLICY_ENQUIRY', EVERYDAY_SERVICE = 'EVERYDAY_SERVICE', DISPUTE_MEDIATION = 'DISPUTE_MEDIATION', EMERGENCY_HELP = 'EMERGENCY_HELP' }
registerEnumType(NeedCategoryEnum, { name: 'NeedCategory', description: 'The four categories of the need-item catalogue.' });
if (Object.values(NeedCategoryEnum).join() !== NEED_CATEGORIES.join()) throw new Error('NeedCategory enum and NEED_CATEGORIES differ');

/** Whether a ticket is overdue at `now`: the one definition the queue's SQL (overdueSql) also states. */
export function isOverdue(row: TicketRow, now: Date): boolean {
  if (!OPEN_STATUSES.includes(row.status)) return false;
  return new Date(row.close_due_at) < now || (row.accepted_at === null && new Date(row.start_due_at) < now);
}

/**
 * A ticket (issue 17): a need routed to the department that must act, owned by the street office
 * (owner `street`). Level 1 is the routing and the clock — what a queue shows; the resident is
 * named only by hub ids. Level 2 is what the resident said (summary, rating, comment, reasons).
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ description: 'A need routed to the department that must act (工单), on the clock, closed with the resident.' })
export class Ticket {
  constructor(readonly row: TicketRow, readonly now: Date = new Date()) {}
  /** Whose data: the household the ticket is about. */
  get subjectId(): string { return this.row.household_id; }
  /** The member it is about, if one: the access record names them beside the household. */
  get subjectPersonId(): string | null { return this.row.person_id; }

  @Policy('street', 1) @Field(() => ID, { nullable: false }) get id(): string { return this.row.id; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The need item (catalogue code).' }) get item(): string { return this.row.item; }
  @Policy('street', 1) @Field(() => NeedCategoryEnum, { nullable: true }) get category(): string { return this.row.category; }
  @Policy('street', 1) @Field(() => TicketPriorityEnum, { nullable: true }) get priority(): string { return this.row.priority; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The department that must act now (after transfers).' }) get department(): string { return this.row.department; }
  @Policy('street', 1) @Field(() => TicketStatusEnum, { nullable: true }) get status(): string { return this.row.status; }
  @Policy('street', 1) @Field(() => Int, { nullable: true, description: 'Grows with every change: send it back as expectedVersion.' }) get version(): number { return this.row.version; }
  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'VISIT, RESIDENT, DEPARTMENT or FINDING (filed by the cross-department checks).' }) get source(): string { return this.row.source; }
  @Policy('street', 1) @Field(() => ID, { nullable: true, description: 'Hub id of the household it is about.' }) get householdId(): string { return this.row.household_id; }
  @Policy('street', 1) @Field(() => ID, { nullable: true, description: 'Hub id of the person it is about, if one.' }) get personId(): string | null { return this.row.person_id; }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true }) get receivedAt(): Date { return new Date(this.row.received_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'Start (accept) by then; fixed at receipt.' }) get startDueAt(): Date { return new Date(this.row.start_due_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'Transfer, if it must be, by then.' }) get transferDueAt(): Date { return new Date(this.row.transfer_due_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'Close (resolve) by then, in working days.' }) get closeDueAt(): Date { return new Date(this.row.close_due_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true }) get acceptedAt(): Date | null { return this.row.accepted_at && new Date(this.row.accepted_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true }) get resolvedAt(): Date | null { return this.row.resolved_at && new Date(this.row.resolved_at); }
  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true }) get confirmedAt(): Date | null { return this.row.confirmed_at && new Date(this.row.confirmed_at); }
  @Policy('street', 1) @Field(() => Boolean, { nullable: true, description: 'Open and past its close deadline, or not started and past its start deadline.' }) get overdue(): boolean { return isOverdue(this.row, this.now); }
  @Policy('street', 1) @Field(() => Boolean, { nullable: true }) get solvedOnSpot(): boolean { return this.row.solved_on_spot; }
  @Policy('street', 1) @Field(() => ID, { nullable: true, description: 'The earlier ticket for the same household and item within 30 days, if this is a repeat.' }) get repeatOf(): string | null { return this.row.repeat_of; }
  @Policy('street', 1) @Field(() => Int, { nullable: true, description: 'Times the resident reopened it (second complaints).' }) get reopenCount(): number { return this.row.reopen_count; }
  @Policy('street', 2) @Field(() => String, { nullable: true, description: 'What was asked, in a few words (never an ID, phone or card number).' }) get summary(): string | null { return this.row.summary; }
  @Policy('street', 2) @Field(() => Int, { nullable: true, description: "The resident's rating, 1-5." }) get rating(): number | null { return this.row.rating; }
  @Policy('street', 2) @Field(() => String, { nullable: true }) get ratingComment(): string | null { return this.row.rating_comment; }
}

@ResidentData('AGGREGATE', 'a page wrapper: its ticket records its own fields')
@ObjectType({ description: 'A ticket in a page of tickets.' })
export class TicketEdge {
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: false }) cursor!: string;
  @Policy('street', 1) @Field(() => Ticket, { nullable: false }) node!: Ticket;
}

@ObjectType({ description: 'Page info of a page of tickets.' })
export class TicketPageInfo {
  @Structural('paging') @Field(() => Boolean, { nullable: false }) hasNextPage!: boolean;
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ResidentData('AGGREGATE', 'a page of tickets and its counts: each ticket records its own fields, the counts name no resident')
@ObjectType({ description: 'Tickets, newest first, with counts over the whole filter.' })
export class TicketConnection {
  @Policy('street', 1) @Field(() => [TicketEdge], { nullable: false }) edges!: TicketEdge[];
  @Structural('paging') @Field(() => TicketPageInfo, { nullable: false }) pageInfo!: TicketPageInfo;
  @Structural('a count of the queue, no resident named') @Field(() => Int, { nullable: false, description: 'Tickets matching the filter.' }) totalCount!: number;
  @Structural('a count of the queue, no resident named') @Field(() => Int, { nullable: false, description: 'Of them, overdue now.' }) overdueCount!: number;
  @Structural('a count of the queue, no resident named') @Field(() => Int, { nullable: false, description: 'Of them, repeats (same household and item within 30 days of an earlier ticket).' }) repeatCount!: number;
}
