import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../schema/context';
import { VisitRefusedError } from './errors';
import { Visit, VisitConnection } from './visit.type';
import { checkVisitsPage, decodeVisitCursor, encodeVisitCursor } from './visitCursor';

const MAX_DAYS = 366;

@Resolver()
export class NotLivingHereResolver {
  @Query(() => VisitConnection, {
    nullable: true,
    description: 'Visits of the last `sinceDays` days that found nobody of the registered household living there (NOT_LIVING_HERE) or people other than the registered ones (人户不符), newest first: for the police, who own 户籍 addresses, under ADDRESS_VERIFICATION.',
  })
  async notLivingHereVisits(
    @Arg('sinceDays', () => Int, { nullable: true, defaultValue: 30 }) sinceDays: number,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<VisitConnection> {
    const { principal } = ctx.access;
    if (principal.role !== 'POLICE_OFFICER' || ctx.access.purpose !== 'ADDRESS_VERIFICATION') {
      ctx.audit.refusal ??= 'PURPOSE_NOT_APPLICABLE';
      throw new VisitRefusedError('PURPOSE_NOT_APPLICABLE', 'This list is for the police, under ADDRESS_VERIFICATION.');
    }
    if (!Number.isInteger(sinceDays) || sinceDays < 1 || sinceDays > MAX_DAYS) {
      throw new VisitRefusedError('INVALID_OBSERVATION', `sinceDays runs from 1 to ${MAX_DAYS}.`);
    }
    const size = checkVisitsPage(first);
    const since = new Date(Date.now() - sinceDays * 86_400_000);
    const rows = await ctx.loaders.street.notLivingHere(since, size + 1, after ? decodeVisitCursor(after) : null);
    const edges = rows.slice(0, size).map((r) => ({ cursor: encodeVisitCursor(new Date(r.visited_at), r.id), node: new Visit(r, r.household_id) }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
