import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { BadInputError } from '../../errors';
import type { Context } from '../../schema/context';
import { FindingsRefusedError, readableRules, shareDepartment } from '../findingAccess';
import { Discrepancy, DiscrepancyConnection, FindingShare } from './discrepancy.type';

/** Most findings per page. */
export const MAX_FINDINGS_PAGE = 100;
/** Most runs in a share series. */
export const MAX_SHARE_RUNS = 366;

const encodeCursor = (id: string): string => Buffer.from(`finding:${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): bigint {
  const m = /^finding:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new BadInputError('INVALID_CURSOR', 'The cursor is not one this list returned.', { argument: 'after' });
  return BigInt(m[1]);
}

function pageSize(first: number, max: number, what: string): number {
  if (first > max) throw new BadInputError('PAGE_SIZE_TOO_LARGE', `At most ${max} ${what} per page.`, { argument: 'first', max });
  if (!Number.isInteger(first) || first < 1) throw new BadInputError('INVALID_PAGE_SIZE', 'first must be at least 1.', { argument: 'first' });
  return first;
}

/** Notes a refusal on the request's access record (outcome REFUSED with the code) and rethrows. */
function refused<T>(ctx: Context, decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    if (err instanceof FindingsRefusedError) ctx.audit.refusal ??= 'FINDINGS_NOT_PERMITTED';
    throw err;
  }
}

@Resolver()
export class DiscrepanciesResolver {
  @Query(() => DiscrepancyConnection, {
    nullable: true,
    description: 'Open findings of the cross-department checks (docs/checks.md) that the caller\'s department must act on, oldest first: for its officers, under a purpose its policy opens at each rule\'s level. `rule` narrows to one of its rules. Reading is recorded in the access log for each person concerned.',
  })
  async discrepancies(
    @Arg('rule', () => String, { nullable: true }) rule: string | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<DiscrepancyConnection> {
    const rules = refused(ctx, () => readableRules(ctx.access, rule)).map((r) => r.id);
    const size = pageSize(first, MAX_FINDINGS_PAGE, 'findings');
    const from = after ? decodeCursor(after) : 0n;
    const owner = ctx.access.principal.department!;
    const findings = ctx.loaders.hub.findings;
    const [rows, totalCount] = await Promise.all([findings.page(owner, rules, from, size + 1), findings.count(owner, rules)]);
    const edges = rows.slice(0, size).map((r) => ({ cursor: encodeCursor(r.id), node: new Discrepancy(r) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => [FindingShare], {
    nullable: true,
    description: 'Per check run, newest first: the share of residents with an open finding the caller\'s department must act on (the measurable form of "82% accurate"). Its own department only.',
  })
  async findingShares(
    @Arg('last', () => Int, { nullable: true, defaultValue: 30 }) last: number,
    @Ctx() ctx: Context,
  ): Promise<FindingShare[]> {
    const department = refused(ctx, () => shareDepartment(ctx.access));
    const size = pageSize(last, MAX_SHARE_RUNS, 'runs');
    return (await ctx.loaders.hub.findings.shares(department, size)).map((r) => new FindingShare(r));
  }
}
