import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Policy } from '../../policy/policy.decorators';
import type { Context } from '../../schema/context';
import type { SpineHousehold, SpinePerson } from '../identity';
import { identitySpine } from '../spine';
import { recordVisit } from './recordVisit';
import { RecordVisitInput } from './visit.input';
import { Visit, VisitConnection } from './visit.type';
import { checkVisitsPage, decodeVisitCursor, encodeVisitCursor } from './visitCursor';
import { visitScopeOf } from '../../sources/visitScope';

const { Person, Household } = identitySpine();

@Resolver(() => Visit)
export class RecordVisitResolver {
  @Mutation(() => Visit, {
    nullable: true,
    description: 'Records a door-to-door visit to a household in your grids (STREET_STAFF, x-purpose HOME_VISIT). Written together with its access record; a retry with the same idempotencyKey returns the same visit.',
  })
  async recordVisit(@Arg('input', () => RecordVisitInput, { nullable: false }) input: RecordVisitInput, @Ctx() ctx: Context): Promise<Visit> {
    const row = await recordVisit(ctx, { ...input, observations: input.observations ?? null });
    return new Visit(row, row.household_id);
  }
}

@Resolver(() => Visit)
export class VisitHouseholdResolver {
  @Policy('street', 1)
  @FieldResolver(() => Household, { nullable: true, description: 'The household visited (within the caller\'s row scope), or null.' })
  async household(@Root() visit: Visit, @Ctx() ctx: Context): Promise<SpineHousehold | null> {
    return identitySpine().householdByHubId(ctx, visit.row.household_id);
  }
}

@Resolver(() => Household)
export class HouseholdVisitsResolver {
  @Policy('street', 1)
  @FieldResolver(() => VisitConnection, { nullable: true, description: "The household's visits, newest first (street office). One street query per page of households." })
  async visits(
    @Root() household: SpineHousehold,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<VisitConnection> {
    const size = checkVisitsPage(first);
    const rows = await ctx.loaders.street.visitsOfHousehold(size + 1, after ? decodeVisitCursor(after) : null).load(household.id);
    const edges = rows.slice(0, size).map((r) => ({ cursor: encodeVisitCursor(new Date(r.visited_at), r.id), node: new Visit(r, household.id) }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

@Resolver(() => Person)
export class PersonLastVisitResolver {
  // Level 2, like Visit.membersMet and Visit.outcome: a visit "at which this person was met" says
  // who was met and that the visit met someone, which a role reading only visit dates may not know.
  @Policy('street', 2)
  @FieldResolver(() => Visit, { nullable: true, description: 'The latest visit at which this person was met (street office), or null. For street staff, the latest made in their grids; under a ticket, the latest made at its household.' })
  async lastVisit(@Root() person: SpinePerson, @Ctx() ctx: Context): Promise<Visit | null> {
    // Street staff read the visits of their grids only: a visit made in another grid (the person
    // lived there then) says what another grid's worker found and heard at another household. A
    // ticket-bound request reads the visits at the ticket's household only (sources/visitScope.ts).
    const row = await ctx.loaders.street.lastVisitByPerson(visitScopeOf(ctx.access.rowScope)).load(person.id);
    return row && new Visit(row, person.id);
  }
}
