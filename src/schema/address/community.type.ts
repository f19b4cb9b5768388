import { Field, ObjectType } from 'type-graphql';
import { Structural } from '../../policy/policy.decorators';

const REFERENCE = 'public reference data: the standard address library and administrative divisions';

@ObjectType({ simpleResolvers: true, description: 'A street (街道) of a district.' })
export class Street {
  @Structural(REFERENCE) @Field(() => String) code!: string;
  @Structural(REFERENCE) @Field(() => String) name!: string;
  @Structural(REFERENCE) @Field(() => String) districtCode!: string;
  @Structural(REFERENCE) @Field(() => String) districtName!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A community (社区) within a street.' })
export class Community {
  @Structural(REFERENCE) @Field(() => String) code!: string;
  @Structural(REFERENCE) @Field(() => String) name!: string;
  @Structural(REFERENCE) @Field(() => Street) street!: Street;
}

@ObjectType({ simpleResolvers: true, description: 'A grid (网格): the unit one grid worker looks after, within a community.' })
export class Grid {
  @Structural(REFERENCE) @Field(() => String) id!: string;
  @Structural(REFERENCE) @Field(() => String) name!: string;
  communityCode!: string;
}
