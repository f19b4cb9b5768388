import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Policy } from '../../../policy/policy.decorators';
import type { Context } from '../../../schema/context';
import { createTicket, submitNeed } from './createTicket';
import { CreateTicketInput, RateTicketInput, ResidentTicketInput, SubmitNeedInput, TransitionTicketInput } from './ticket.input';
import { Ticket, TicketConnection, TicketStatusEnum } from './ticket.type';
import { TicketTransition } from './ticketTransition.type';
import { ticketInReach } from './ticketRead';
import { departmentQueue, encodeTicketCursor, residentTickets, TicketPage } from './ticketQueue';
import type { TicketStatus } from './ticketStates';
import { applyTransition } from './transitionTicket';
import { withoutForeignRepeats } from './residentTicketScope';
import type { TicketRow } from './ticketRows';

/** A ticket as its caller may see it: a resident's without a repeat link to another member's ticket. */
async function shown(ctx: Context, row: TicketRow): Promise<Ticket> {
  const [visible] = await withoutForeignRepeats(ctx, ctx.loaders.street.db, [row]);
  return new Ticket(visible);
}

function connection(page: TicketPage, now: Date): TicketConnection {
  const edges = page.rows.map((row) => ({ cursor: encodeTicketCursor(row), node: new Ticket(row, now) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.total, overdueCount: page.overdue, repeatCount: page.repeats };
}

/** Tickets (issue 17): creation, transitions, the department queue and the resident's list. */
@Resolver(() => Ticket)
export class TicketResolver {
  @Mutation(() => Ticket, { nullable: true, description: 'Files a ticket about a household within your reach (department roles, street staff; x-purpose TICKET_HANDLING). Routed by the need-item catalogue; a retry with the same idempotencyKey returns the same ticket.' })
  async createTicket(@Arg('input', () => CreateTicketInput, { nullable: false }) input: CreateTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    return new Ticket(await createTicket(ctx, input));
  }

  @Mutation(() => Ticket, { nullable: true, description: 'Reports a need about your own household (RESIDENT, x-purpose SELF_SERVICE).' })
  async submitNeed(@Arg('input', () => SubmitNeedInput, { nullable: false }) input: SubmitNeedInput, @Ctx() ctx: Context): Promise<Ticket> {
    return shown(ctx, await submitNeed(ctx, input));
  }

  @Mutation(() => Ticket, { nullable: true, description: "Accepts, transfers or resolves a ticket routed to your department (x-purpose TICKET_HANDLING), at the version you read." })
  async transitionTicket(@Arg('input', () => TransitionTicketInput, { nullable: false }) input: TransitionTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    const { id, to, expectedVersion, reason, toDepartment } = input;
    return new Ticket(await applyTransition(ctx, { ticketId: id, to: to as TicketStatus, expectedVersion, reason, toDepartment }, 'DEPARTMENT'));
  }

  @Mutation(() => Ticket, { nullable: true, description: 'Confirms a resolved ticket about your household (RESIDENT, SELF_SERVICE).' })
  async confirmTicket(@Arg('input', () => ResidentTicketInput, { nullable: false }) input: ResidentTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    return shown(ctx, await applyTransition(ctx, { ticketId: input.id, to: 'CONFIRMED', expectedVersion: input.expectedVersion, reason: input.reason }, 'RESIDENT'));
  }

  @Mutation(() => Ticket, { nullable: true, description: 'Reopens a resolved or confirmed ticket about your household that is not solved (RESIDENT, SELF_SERVICE).' })
  async reopenTicket(@Arg('input', () => ResidentTicketInput, { nullable: false }) input: ResidentTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    return shown(ctx, await applyTransition(ctx, { ticketId: input.id, to: 'REOPENED', expectedVersion: input.expectedVersion, reason: input.reason }, 'RESIDENT'));
  }

  @Mutation(() => Ticket, { nullable: true, description: 'Rates a confirmed ticket about your household, 1-5 with a short comment (RESIDENT, SELF_SERVICE).' })
  async rateTicket(@Arg('input', () => RateTicketInput, { nullable: false }) input: RateTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    const rating = { rating: input.rating, comment: input.comment };
    return shown(ctx, await applyTransition(ctx, { ticketId: input.id, to: 'RATED', expectedVersion: input.expectedVersion, rating }, 'RESIDENT'));
  }

  @Query(() => TicketConnection, { nullable: true, description: "Your department's queue (street staff: the street office's tickets in your grids), newest first, under x-purpose TICKET_HANDLING." })
  async ticketQueue(
    @Arg('status', () => TicketStatusEnum, { nullable: true }) status: TicketStatusEnum | null,
    @Arg('overdue', () => Boolean, { nullable: true }) overdue: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<TicketConnection> {
    const now = new Date();
    return connection(await departmentQueue(ctx, (status ?? null) as TicketStatus | null, overdue ?? null, first, after ?? null, now), now);
  }

  @Query(() => Ticket, { nullable: true, description: "One ticket in your reach (ticketQueue's under TICKET_HANDLING, myTickets' under SELF_SERVICE), e.g. re-read after TICKET_VERSION_CONFLICT. A ticket outside it answers TICKET_NOT_FOUND, exactly like a missing one." })
  async ticket(@Arg('id', () => ID, { nullable: false }) id: string, @Ctx() ctx: Context): Promise<Ticket> {
    return shown(ctx, await ticketInReach(ctx, id));
  }

  @Query(() => TicketConnection, { nullable: true, description: 'Your own tickets (RESIDENT, SELF_SERVICE): about your household, newest first.' })
  async myTickets(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<TicketConnection> {
    const now = new Date();
    return connection(await residentTickets(ctx, first, after ?? null, now), now);
  }

  @Policy('street', 1)
  @FieldResolver(() => [TicketTransition], { nullable: true, description: 'Every change, oldest first: when, to what, by which role and department, why (never who).' })
  async transitions(@Root() ticket: Ticket, @Ctx() ctx: Context): Promise<TicketTransition[]> {
    const rows = await ctx.loaders.street.transitionsByTicket.load(ticket.row.id);
    return rows.map((r) => new TicketTransition(r, ticket.subjectId, ticket.subjectPersonId));
  }
}

