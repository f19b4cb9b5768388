import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { BadInputError } from '../../errors';
import { RoleRequiredError } from '../../policy/fieldDenied';
import type { Context } from '../../schema/context';
import { monthWindow } from './coverage';
import { VisitCoverage } from './coverage.type';
import { publishedLedger } from './coverageSuppression';

@Resolver()
export class CoverageResolver {
  @Query(() => VisitCoverage, {
    nullable: false,
    description: 'The visit ledger for a month: per special group and for everyone else, residents due, visited and overdue, and the coverage percentage, for one of your grids, or your grids in a community or a street. STREET_STAFF only; counts, no resident: a group of fewer than 10 residents shows only how many are due.',
  })
  async visitCoverage(
    @Arg('month', () => String, { nullable: false, description: 'YYYY-MM.' }) month: string,
    @Arg('gridId', () => String, { nullable: true }) gridId: string | undefined,
    @Arg('communityCode', () => String, { nullable: true }) communityCode: string | undefined,
    @Arg('streetCode', () => String, { nullable: true, description: '9-digit street (街道) code: all your grids in the street.' }) streetCode: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<VisitCoverage> {
    const { principal } = ctx.access;
    if (principal.role !== 'STREET_STAFF') throw new RoleRequiredError('STREET_STAFF');
    const window = monthWindow(month);
    if (!window) throw new BadInputError('INVALID_MONTH', 'month must be YYYY-MM.', { argument: 'month' });
    if ([gridId, communityCode, streetCode].filter((a) => a != null).length !== 1) throw new BadInputError('AREA_REQUIRED', 'Give exactly one of gridId, communityCode and streetCode.');
    let grids = principal.grids.filter((g) => g === gridId);
    // A grid id starts with its community's 12-digit code, which starts with its street's 9 digits.
    if (streetCode != null) grids = /^\d{9}$/.test(streetCode) ? principal.grids.filter((g) => g.startsWith(streetCode)) : [];
    if (communityCode != null) {
      const inCommunity = await Promise.all(principal.grids.map((g) => ctx.loaders.hub.gridById.load(g)));
      grids = principal.grids.filter((_g, i) => inCommunity[i]?.community_code === communityCode);
    }
    // An area outside your grids answers like one that does not exist.
    if (!grids.length) throw new BadInputError('AREA_NOT_FOUND', 'No such grid or community among your grids.');
    const residents = await ctx.loaders.street.coverageResidents(grids, window.quarterStart, window.monthStart, window.monthEnd);
    // Groups under MIN_GROUP_SIZE show who is due, not how many were visited (coverageSuppression.ts).
    return { month, ...publishedLedger(residents, grids, window.lastDay) };
  }
}
