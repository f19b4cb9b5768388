import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { householdByHubId } from '../../departments/police/householdRecords';
import { parseHubId } from '../ids';
import { countMisses, personByHubId } from '../../departments/police/personRecords';
import { Node } from './node.interface';

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'A person or household file by opaque hub id; null when none is within reach.' })
  async node(@Arg('id', () => ID, { nullable: false }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const hubId = parseHubId(id, 'object');
    const [person, household] = await Promise.all([personByHubId(ctx, hubId), householdByHubId(ctx, hubId)]);
    return countMisses(ctx, [person ?? household])[0];
  }
}
