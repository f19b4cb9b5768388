import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { BadInputError } from '../../errors';
import { RoleRequiredError } from '../../policy/fieldDenied';
import type { Context } from '../../schema/context';
import type { FigureGrouping } from './ticketFigures';
import { figuresOf, MAX_PERIOD_MONTHS, MIN_GROUP_SIZE, periodWindow } from './ticketFigures';
import { figureGroups } from './ticketFigureGroups';
import { FigureScope, ticketFigureCells } from './ticketFiguresSource';
import { TicketFigureGrouping, TicketFigureGroup, TicketFigures } from './ticketFigures.type';

/** Numbers of a suppressed group: none. */
const NOTHING = {
  received: null, open: null, overdue: null, solvedOnSpotPercent: null, startedOnTimePercent: null, transferredOnTimePercent: null, closedPercent: null,
  closedOnTimePercent: null, repeatPercent: null, secondComplaintPercent: null, departmentResponsePercent: null, meanSatisfaction: null,
};

@Resolver()
export class TicketFiguresResolver {
  /**
   * Scope: STREET_STAFF count the tickets of their own grids (a street leader's token lists the
   * street's grids), a department's roles the tickets their department is now responsible for, in
   * every grid; every other role is refused. Counts only; small groups show nothing (ticketFigureGroups.ts).
   */
  @Query(() => TicketFigures, {
    nullable: false,
    description: `Ticket figures for whole months (at most ${MAX_PERIOD_MONTHS}) per grid, community or department: STREET_STAFF over their grids, department roles over their department's tickets. Definitions: docs/tickets.md.`,
  })
  async ticketFigures(
    @Arg('from', () => String, { nullable: false, description: 'First month, YYYY-MM (China time).' }) from: string,
    @Arg('to', () => String, { nullable: false, description: 'Last month, YYYY-MM, included.' }) to: string,
    @Arg('groupBy', () => TicketFigureGrouping, { nullable: false }) groupBy: FigureGrouping,
    @Ctx() ctx: Context,
  ): Promise<TicketFigures> {
    const { principal } = ctx.access;
    let scope: FigureScope;
    if (principal.role === 'STREET_STAFF') scope = { gridIds: principal.grids };
    else if (principal.department) scope = { department: principal.department };
    else throw new RoleRequiredError('STREET_STAFF or a department');
    const window = periodWindow(from, to);
    if (window === 'INVALID_MONTH') throw new BadInputError('INVALID_MONTH', 'from and to must be YYYY-MM.');
    if (window === 'INVALID_PERIOD') throw new BadInputError('INVALID_PERIOD', `to must not be before from, and the period at most ${MAX_PERIOD_MONTHS} months.`);
    const asOf = new Date();
    const cells = await ticketFigureCells(ctx.loaders.street.db, window, asOf, scope);
    const groups: TicketFigureGroup[] = figureGroups(cells, window.months, groupBy).map(({ key, counts: c }) =>
      c ? { key, suppressed: false, received: c.received, open: c.open, overdue: c.overdue, ...figuresOf(c) } : { key, suppressed: true, ...NOTHING });
    return { from, to, groupBy, asOf: asOf.toISOString(), minimumGroupSize: MIN_GROUP_SIZE, groups };
  }
}
