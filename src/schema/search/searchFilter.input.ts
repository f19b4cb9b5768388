import { Field, InputType, Int } from 'type-graphql';
import { Tag } from '../tags/tag.enum';
import { searchVisits } from '../../departments/spine';

const { outcomeType: VisitOutcome } = searchVisits();

/**
 * What a search looks for. Different fields combine with AND; the values of one list field with
 * OR. In `searchHouseholds`, a member criterion (name, age, tag, 人户分离) is met when at least one
 * registered member meets it.
 */
@InputType({ description: 'Search criteria; fields combine with AND, the values within one list with OR. A city-wide search needs a grid, community, address or name.' })
export class SearchFilter {
  @Field(() => [String], { nullable: true, description: 'Grid ids (网格), e.g. 110101001001-G01. Street staff: results stay within their own grids whatever is asked.' })
  gridIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: '12-digit community (社区) codes.' })
  communityCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Address text: part of a building address (南池子大街12号院3号楼), optionally followed by the start of a room (2单元301). Registered or actual address for persons; registered for households. Taken literally.',
  })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Name or its start, in 汉字 (张伟) or pinyin: full (zhangwei), initials (zw) or mixed (zhangw). Taken literally.' })
  name?: string | null;

  @Field(() => [Tag], { nullable: true, description: 'Service tags that must all apply (for households: each to some member). Only tags the caller may see.' })
  tags?: Tag[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Lives away from the registered address (人户分离): true or false.' })
  livesAwayFromRegisteredAddress?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Youngest age in whole years, inclusive.' })
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age in whole years, inclusive.' })
  maxAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Not met at a street visit for at least this many days (1 to 3650); households: no visit that met anyone. Needs Visit.visitedAt allowed.' })
  notVisitedSinceDays?: number | null;

  @Field(() => VisitOutcome, { nullable: true, description: "The latest street visit to the (person's registered) household had this outcome. Needs Visit.outcome allowed." })
  /** One of the visit outcomes (the enum of the module that keeps the visits). */
  visitOutcome?: string | null;
}
