import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Community, Grid } from '../../schema/address/community.type';
import { toCommunity } from './address.resolver';
import type { Context } from '../../schema/context';
import { parseHubId } from '../../schema/ids';
import { Person } from './person.type';
import { countMisses, personsFromRows } from './personRecords';
import { Household } from './household.type';
import { householdByHubId } from './householdRecords';
import { Policy } from '../../policy/policy.decorators';
import { readPersonSectionsAhead } from '../personSections';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'A household file by its opaque hub id; null when there is no such household.' })
  async household(@Arg('id', () => ID, { nullable: false }) id: string, @Ctx() ctx: Context): Promise<Household | null> {
    return countMisses(ctx, [await householdByHubId(ctx, parseHubId(id, 'household'))])[0];
  }

  @Policy('police', 2)
  @FieldResolver(() => [Person], { description: 'Registered members, head first. One police query per household list, not per member.' })
  async members(@Root() household: Household, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Person[]> {
    const rows = await ctx.loaders.police.membersByHouseholdNo.load(household.record.household_no);
    readPersonSectionsAhead(ctx, rows.map((r) => r.id_number), info);
    return personsFromRows(ctx, rows);
  }

  @Policy('police', 1)
  @FieldResolver(() => Int, { description: 'Number of registered members.' })
  async size(@Root() household: Household, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.police.membersByHouseholdNo.load(household.record.household_no)).length;
  }

  @Policy('hub', 1)
  @FieldResolver(() => Grid, { nullable: true, description: 'Grid of the registered address.' })
  async grid(@Root() household: Household, @Ctx() ctx: Context): Promise<Grid | null> {
    const b = await ctx.loaders.hub.buildingByCode.load(household.record.building_code);
    return b && { id: b.grid_id, name: b.grid_name, communityCode: b.community_code };
  }

  @Policy('hub', 1)
  @FieldResolver(() => Community, { nullable: true, description: 'Community of the registered address.' })
  async community(@Root() household: Household, @Ctx() ctx: Context): Promise<Community | null> {
    const b = await ctx.loaders.hub.buildingByCode.load(household.record.building_code);
    return b && toCommunity(b);
  }
}
