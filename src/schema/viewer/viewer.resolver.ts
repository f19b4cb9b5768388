import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Grid } from '../address/community.type';
import { ROLE_SCOPES } from '../../policy/rowScopeFor';
import type { Context } from '../context';
import { Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: false, description: 'Who the caller is: role, purposes and scope. Needs no purpose.' })
  viewer(@Ctx() ctx: Context): Viewer {
    const p = ctx.access.principal;
    return {
      subject: p.subject,
      role: p.role,
      department: p.department,
      clientApp: p.clientApp,
      purposes: [...p.purposes],
      declaredPurpose: ctx.access.declaredPurpose,
      scope: ROLE_SCOPES[p.role],
      gridIds: p.grids,
    };
  }

  @FieldResolver(() => [Grid], { nullable: false, description: 'Grids a street-staff caller covers.' })
  async grids(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Grid[]> {
    const rows = await ctx.loaders.hub.gridById.loadMany([...viewer.gridIds]);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [{ id: r.id, name: r.name, communityCode: r.community_code }] : []));
  }
}
