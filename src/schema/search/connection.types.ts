import { Field, Int, ObjectType } from 'type-graphql';
import { Policy, ResidentData, Structural } from '../../policy/policy.decorators';
import type { SpineHousehold, SpinePerson } from '../../departments/identity';
import { identitySpine } from '../../departments/spine';

const { Person, Household } = identitySpine();

/**
 * Cursor-paged search results. The connections are resident data (their nodes are persons and
 * households), so the root fields returning them pass the purpose check; their own fields are hub
 * facts at L1 (a count, opaque cursors), and each node's fields are decided as usual.
 */

@ObjectType({ simpleResolvers: true, description: 'Where a page ends and whether another follows.' })
export class PageInfo {
  @Structural('paging') @Field(() => Boolean, { nullable: false }) hasNextPage!: boolean;
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: true, description: 'Cursor of the last edge: pass it as `after` for the next page.' }) endCursor!: string | null;
}

@ResidentData('AGGREGATE', 'a page wrapper: its node records its own fields, the search its filter for every result')
@ObjectType({ simpleResolvers: true, description: 'A person found by a search, with its opaque cursor.' })
export class PersonEdge {
  @Policy('hub', 1) @Field(() => String, { nullable: false, description: 'Opaque; carries no personal data.' }) cursor!: string;
  @Policy('hub', 1) @Field(() => Person, { nullable: false }) node!: SpinePerson;
}

@ResidentData('AGGREGATE', 'a page and the count of a search: about no single resident; the search records its filter for every result it returns')
@ObjectType({ simpleResolvers: true, description: 'A page of persons found by searchPersons.' })
export class PersonConnection {
  @Policy('hub', 1) @Field(() => Int, { nullable: false, description: 'How many persons match the whole search (all pages).' }) totalCount!: number;
  @Policy('hub', 1) @Field(() => [PersonEdge], { nullable: false }) edges!: PersonEdge[];
  @Policy('hub', 1) @Field(() => PageInfo, { nullable: false }) pageInfo!: PageInfo;
}

@ResidentData('AGGREGATE', 'a page wrapper: its node records its own fields, the search its filter for every result')
@ObjectType({ simpleResolvers: true, description: 'A household found by a search, with its opaque cursor.' })
export class HouseholdEdge {
  @Policy('hub', 1) @Field(() => String, { nullable: false, description: 'Opaque; carries no personal data.' }) cursor!: string;
  @Policy('hub', 1) @Field(() => Household, { nullable: false }) node!: SpineHousehold;
}

@ResidentData('AGGREGATE', 'a page and the count of a search: about no single resident; the search records its filter for every result it returns')
@ObjectType({ simpleResolvers: true, description: 'A page of households found by searchHouseholds.' })
export class HouseholdConnection {
  @Policy('hub', 1) @Field(() => Int, { nullable: false, description: 'How many households match the whole search (all pages).' }) totalCount!: number;
  @Policy('hub', 1) @Field(() => [HouseholdEdge], { nullable: false }) edges!: HouseholdEdge[];
  @Policy('hub', 1) @Field(() => PageInfo, { nullable: false }) pageInfo!: PageInfo;
}
