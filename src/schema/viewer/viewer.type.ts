import { Field, ObjectType } from 'type-graphql';

/** What the caller may do: their role, purposes and scope (not resident data). */
@ObjectType({ simpleResolvers: true, description: 'The authenticated caller: role, granted purposes and the scope of residents they may reach.' })
export class Viewer {
  @Field(() => String, { nullable: false }) subject!: string;
  @Field(() => String, { nullable: false }) role!: string;
  @Field(() => String, { nullable: true, description: 'Department the role works for (police, civil, health).' }) department!: string | null;
  @Field(() => String, { nullable: false }) clientApp!: string;
  @Field(() => [String], { nullable: false, description: 'Purposes this caller may declare in x-purpose.' }) purposes!: string[];
  @Field(() => String, { nullable: true, description: 'The x-purpose this request declared, if any.' }) declaredPurpose!: string | null;
  @Field(() => String, { nullable: false, description: 'CITY (department staff), GRIDS (street staff), OWN_FILE (residents) or NONE.' }) scope!: string;
  gridIds!: readonly string[];
}
