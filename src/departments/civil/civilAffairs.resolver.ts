import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../schema/context';
import type { SpinePerson } from '../identity';
import { identitySpine } from '../spine';
import { Assistance, ChildInDifficulty, CivilAffairs, Disability, ElderlyCare } from './civilAffairs.type';
import { Policy } from '../../policy/policy.decorators';

const { Person } = identitySpine();

/** Adds the civil affairs section to the person file; all reads go through civil affairs loaders. */
@Resolver(() => Person)
export class PersonCivilAffairsResolver {
  @Policy('civil', 1)
  @FieldResolver(() => CivilAffairs, { description: 'Civil affairs (民政) section.' })
  civilAffairs(@Root() person: SpinePerson): CivilAffairs {
    return new CivilAffairs(person.identity.id_number, person.subjectId);
  }
}

@Resolver(() => CivilAffairs)
export class CivilAffairsResolver {
  @Policy('civil', 3)
  @FieldResolver(() => String, { nullable: true, description: 'SINGLE, MARRIED, DIVORCED or WIDOWED.' })
  async maritalStatus(@Root() s: CivilAffairs, @Ctx() ctx: Context): Promise<string | null> {
    return (await ctx.loaders.civil.maritalStatus.load(s.idNumber))?.status ?? null;
  }

  @Policy('civil', 3, 'PRESENCE')
  @FieldResolver(() => [Assistance], { nullable: true, description: 'Social assistance records, newest first.' })
  async assistance(@Root() s: CivilAffairs, @Ctx() ctx: Context): Promise<Assistance[]> {
    return (await ctx.loaders.civil.assistance.load(s.idNumber)).map((r) => new Assistance(r, s.subjectId));
  }

  @Policy('civil', 3, 'PRESENCE')
  @FieldResolver(() => Disability, { nullable: true })
  async disability(@Root() s: CivilAffairs, @Ctx() ctx: Context): Promise<Disability | null> {
    const row = await ctx.loaders.civil.disability.load(s.idNumber);
    return row && new Disability(row, s.subjectId);
  }

  @Policy('civil', 2)
  @FieldResolver(() => ElderlyCare, { nullable: true })
  async elderlyCare(@Root() s: CivilAffairs, @Ctx() ctx: Context): Promise<ElderlyCare | null> {
    const row = await ctx.loaders.civil.elderlyCare.load(s.idNumber);
    return row && new ElderlyCare(row, s.subjectId);
  }

  @Policy('civil', 4)
  @FieldResolver(() => ChildInDifficulty, { nullable: true })
  async childInDifficulty(@Root() s: CivilAffairs, @Ctx() ctx: Context): Promise<ChildInDifficulty | null> {
    const row = await ctx.loaders.civil.childInDifficulty.load(s.idNumber);
    return row && new ChildInDifficulty(row, s.subjectId);
  }
}
