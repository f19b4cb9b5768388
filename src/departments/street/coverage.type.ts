import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One row of the visit ledger: a group of residents, the rule they are visited by, and how the month went.' })
export class CoverageRowView {
  @Field(() => String, { nullable: false, description: 'ELDERLY_LIVING_ALONE, DISABLED, CHILD_IN_DIFFICULTY, SPECIAL_GROUPS (any of them), OTHERS or ALL.' }) group!: string;
  @Field(() => String, { nullable: false, description: 'TWICE_A_MONTH (special groups), ONCE_A_QUARTER (everyone else: the three months ending with this one) or MIXED (ALL).' }) rule!: string;
  @Field(() => Int, { nullable: false, description: 'Registered residents the rule applies to.' }) due!: number;
  @Field(() => Int, { nullable: true, description: 'Of them, met often enough; null when suppressed.' }) visited!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of them, not met often enough; null when suppressed.' }) overdue!: number | null;
  @Field(() => Float, { nullable: true, description: 'visited / due in percent (one decimal); null when nobody is due or when suppressed. Target: 80.' }) coveragePercent!: number | null;
  @Field(() => Boolean, { nullable: false, description: 'True when visited, overdue and the percentage are withheld: the group has 1–9 residents, or they could be worked out from cells that do (by subtraction from SPECIAL_GROUPS or ALL, or, for an area, from its grids).' }) suppressed!: boolean;
}

@ObjectType({ description: "One grid's ledger." })
export class GridCoverage {
  @Field(() => String, { nullable: false }) gridId!: string;
  @Field(() => [CoverageRowView], { nullable: false }) rows!: CoverageRowView[];
}

@ObjectType({ description: 'The visit ledger of a month for a grid or a community (your grids in it): counts only, no resident.' })
export class VisitCoverage {
  @Field(() => String, { nullable: false, description: 'YYYY-MM (China time).' }) month!: string;
  @Field(() => [CoverageRowView], { nullable: false, description: 'The whole area.' }) rows!: CoverageRowView[];
  @Field(() => [GridCoverage], { nullable: false, description: 'Each grid of the area.' }) grids!: GridCoverage[];
}
