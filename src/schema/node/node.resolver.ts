import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { identitySpine } from '../../departments/spine';
import { recordMisses } from '../../policy/disclosureLog';
import type { Context } from '../context';
import { parseHubId } from '../ids';
import { Node } from './node.interface';

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'A person or household file by opaque hub id; null when none is within reach.' })
  async node(@Arg('id', () => ID, { nullable: false }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const hubId = parseHubId(id, 'object');
    const spine = identitySpine();
    const [person, household] = await Promise.all([spine.personByHubId(ctx, hubId), spine.householdByHubId(ctx, hubId)]);
    return recordMisses(ctx.audit, [person ?? household])[0];
  }
}
