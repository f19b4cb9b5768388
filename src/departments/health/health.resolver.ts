import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../schema/context';
import type { SpinePerson } from '../identity';
import { identitySpine } from '../spine';
import { BirthRecord, ChronicCondition, DeathRecord, FamilyDoctorContract, HealthSection, Vaccination } from './health.type';
import { Policy } from '../../policy/policy.decorators';

const { Person } = identitySpine();

/** Adds the health section to the person file; all reads go through health loaders. */
@Resolver(() => Person)
export class PersonHealthResolver {
  @Policy('health', 1)
  @FieldResolver(() => HealthSection, { description: 'Health (卫健) section.' })
  health(@Root() person: SpinePerson): HealthSection {
    return new HealthSection(person.identity.id_number, person.subjectId);
  }
}

@Resolver(() => HealthSection)
export class HealthSectionResolver {
  @Policy('health', 2)
  @FieldResolver(() => FamilyDoctorContract, { nullable: true })
  async familyDoctor(@Root() s: HealthSection, @Ctx() ctx: Context): Promise<FamilyDoctorContract | null> {
    const row = await ctx.loaders.health.familyDoctor.load(s.idNumber);
    return row && new FamilyDoctorContract(row, s.subjectId);
  }

  @Policy('health', 4)
  @FieldResolver(() => [ChronicCondition], { nullable: true })
  async chronicConditions(@Root() s: HealthSection, @Ctx() ctx: Context): Promise<ChronicCondition[]> {
    return (await ctx.loaders.health.chronicConditions.load(s.idNumber)).map((r) => new ChronicCondition(r, s.subjectId));
  }

  @Policy('health', 3, 'PRESENCE')
  @FieldResolver(() => [Vaccination], { nullable: true })
  async vaccinations(@Root() s: HealthSection, @Ctx() ctx: Context): Promise<Vaccination[]> {
    return (await ctx.loaders.health.vaccinations.load(s.idNumber)).map((r) => new Vaccination(r, s.subjectId));
  }

  @Policy('health', 3, 'PRESENCE')
  @FieldResolver(() => BirthRecord, { nullable: true, description: 'Birth certificate of this person, if born here.' })
  async birth(@Root() s: HealthSection, @Ctx() ctx: Context): Promise<BirthRecord | null> {
    const row = await ctx.loaders.health.birthByChild.load(s.idNumber);
    return row && new BirthRecord(row, s.subjectId);
  }

  @Policy('health', 3, 'PRESENCE')
  @FieldResolver(() => DeathRecord, { nullable: true })
  async death(@Root() s: HealthSection, @Ctx() ctx: Context): Promise<DeathRecord | null> {
    const row = await ctx.loaders.health.death.load(s.idNumber);
    return row && new DeathRecord(row, s.subjectId);
  }
}
