import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BuildingRow, CommunityRow } from '../../sources/hub/hubRows';
import type { Context } from '../../schema/context';
import { Address } from './address.type';
import { Community, Grid } from '../../schema/address/community.type';
import { Policy, Structural } from '../../policy/policy.decorators';

/** Builds the Community object from a hub row that carries community, street and district. */
export function toCommunity(row: Pick<BuildingRow, 'community_code' | 'community_name' | 'street_code' | 'street_name' | 'district_code' | 'district_name'>): Community {
  return {
    code: row.community_code,
    name: row.community_name,
    street: { code: row.street_code, name: row.street_name, districtCode: row.district_code, districtName: row.district_name },
  };
}

function communityRowToCommunity(row: CommunityRow): Community {
  return toCommunity({ ...row, community_code: row.code, community_name: row.name });
}

/** Resolves an address's text, grid and community from the hub's standard address library. */
@Resolver(() => Address)
export class AddressResolver {
  @Policy('police', 2, 'ADDRESS')
  @FieldResolver(() => String, { nullable: true, description: 'Full address text, to the room; when masked, to the building.' })
  async text(@Root() address: Address, @Ctx() ctx: Context): Promise<string | null> {
    if (address.buildingCode === null) return address.outsideText;
    const building = await ctx.loaders.hub.buildingByCode.load(address.buildingCode);
    if (!building) return null;
    return address.roomNumber ? `${building.address}${address.roomNumber}` : building.address;
  }

  @Policy('hub', 1)
  @FieldResolver(() => Grid, { nullable: true })
  async grid(@Root() address: Address, @Ctx() ctx: Context): Promise<Grid | null> {
    if (address.buildingCode === null) return null;
    const building = await ctx.loaders.hub.buildingByCode.load(address.buildingCode);
    return building && { id: building.grid_id, name: building.grid_name, communityCode: building.community_code };
  }

  @Policy('hub', 1)
  @FieldResolver(() => Community, { nullable: true })
  async community(@Root() address: Address, @Ctx() ctx: Context): Promise<Community | null> {
    if (address.buildingCode === null) return null;
    const building = await ctx.loaders.hub.buildingByCode.load(address.buildingCode);
    return building && toCommunity(building);
  }
}

/** A grid's community, from the hub. */
@Resolver(() => Grid)
export class GridResolver {
  @Structural('public reference data: the community a grid belongs to')
  @FieldResolver(() => Community)
  async community(@Root() grid: Grid, @Ctx() ctx: Context): Promise<Community | null> {
    const row = await ctx.loaders.hub.communityByCode.load(grid.communityCode);
    return row && communityRowToCommunity(row);
  }
}
