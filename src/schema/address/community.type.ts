import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A street (街道) of a district.' })
export class Street {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String) districtName!: string;
}

@ObjectType({ description: 'A community (社区) within a street.' })
export class Community {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Street) street!: Street;
}

@ObjectType({ description: 'A grid (网格): the unit one grid worker looks after, within a community.' })
export class Grid {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  communityCode!: string;
}
