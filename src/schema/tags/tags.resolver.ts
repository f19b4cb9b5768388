import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Policy } from '../../policy/policy.decorators';
import { Tag } from '../../tags/tag';
import { TAG_CATALOG, tagPolicy } from '../../tags/tagCatalog';
import type { Context } from '../context';
import type { SpineHousehold, SpinePerson } from '../../departments/identity';
import { identitySpine } from '../../departments/spine';
import { householdCarries, personCarries } from './personTagFacts';
import { HouseholdTags, PersonTags } from './tags.type';

const { Person, Household } = identitySpine();

/** Field description from the catalog: label, derivation, and what is never revealed. */
function about(tag: Tag): string {
  const d = TAG_CATALOG[tag];
  return `${d.label} (${tag}): ${d.derivation}. Declared ${d.declaration.owner} L${d.declaration.level}: ${d.reason}.`;
}

function personFacts(t: PersonTags) {
  return { id_number: t.idNumber, birth_date: t.birthDate, household_no: t.householdNo };
}

@Resolver(() => Person)
export class PersonTagsEdgeResolver {
  @Policy('hub', 1)
  @FieldResolver(() => PersonTags, { nullable: false, description: 'Service tags, each shown only where the caller\'s policy allows what it reveals.' })
  tags(@Root() person: SpinePerson): PersonTags {
    const { id_number: idNumber, birth_date: birthDate, household_no: householdNo } = person.identity;
    return new PersonTags(person.subjectId, idNumber, birthDate, householdNo);
  }
}

/** Each tag is its own declared field: the policy allows or denies it like any other fact. */
@Resolver(() => PersonTags)
export class PersonTagsResolver {
  @Policy(...tagPolicy(Tag.ELDERLY_LIVING_ALONE))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.ELDERLY_LIVING_ALONE) })
  elderlyLivingAlone(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.ELDERLY_LIVING_ALONE);
  }

  @Policy(...tagPolicy(Tag.DISABLED))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.DISABLED) })
  disabled(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.DISABLED);
  }

  @Policy(...tagPolicy(Tag.LOW_INCOME))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.LOW_INCOME) })
  lowIncome(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.LOW_INCOME);
  }

  @Policy(...tagPolicy(Tag.FLOATING_POPULATION))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.FLOATING_POPULATION) })
  floatingPopulation(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.FLOATING_POPULATION);
  }

  @Policy(...tagPolicy(Tag.CHILD_IN_DIFFICULTY))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.CHILD_IN_DIFFICULTY) })
  childInDifficulty(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.CHILD_IN_DIFFICULTY);
  }

  @Policy(...tagPolicy(Tag.NEEDS_HEALTH_FOLLOW_UP))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.NEEDS_HEALTH_FOLLOW_UP) })
  needsHealthFollowUp(@Root() t: PersonTags, @Ctx() ctx: Context): Promise<boolean> {
    return personCarries(ctx, personFacts(t), Tag.NEEDS_HEALTH_FOLLOW_UP);
  }
}

@Resolver(() => Household)
export class HouseholdTagsEdgeResolver {
  @Policy('hub', 1)
  @FieldResolver(() => HouseholdTags, { nullable: false, description: 'Service tags of the household\'s registered members (a tag is true when one member carries it).' })
  tags(@Root() household: SpineHousehold): HouseholdTags {
    return new HouseholdTags(household.subjectId, household.record.household_no);
  }
}

/** Household tags: the same declarations as the person tags (a household tag says one member has it). */
@Resolver(() => HouseholdTags)
export class HouseholdTagsResolver {
  @Policy(...tagPolicy(Tag.ELDERLY_LIVING_ALONE))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.ELDERLY_LIVING_ALONE) })
  elderlyLivingAlone(@Root() t: HouseholdTags, @Ctx() ctx: Context): Promise<boolean> {
    return householdCarries(ctx, t.householdNo, Tag.ELDERLY_LIVING_ALONE);
  }

  @Policy(...tagPolicy(Tag.DISABLED))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.DISABLED) })
  disabled(@Root() t: HouseholdTags, @Ctx() ctx: Context): Promise<boolean> {
    return householdCarries(ctx, t.householdNo, Tag.DISABLED);
  }

  @Policy(...tagPolicy(Tag.LOW_INCOME))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.LOW_INCOME) })
  lowIncome(@Root() t: HouseholdTags, @Ctx() ctx: Context): Promise<boolean> {
    return householdCarries(ctx, t.householdNo, Tag.LOW_INCOME);
  }

  @Policy(...tagPolicy(Tag.CHILD_IN_DIFFICULTY))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.CHILD_IN_DIFFICULTY) })
  childInDifficulty(@Root() t: HouseholdTags, @Ctx() ctx: Context): Promise<boolean> {
    return householdCarries(ctx, t.householdNo, Tag.CHILD_IN_DIFFICULTY);
  }

  @Policy(...tagPolicy(Tag.NEEDS_HEALTH_FOLLOW_UP))
  @FieldResolver(() => Boolean, { nullable: true, description: about(Tag.NEEDS_HEALTH_FOLLOW_UP) })
  needsHealthFollowUp(@Root() t: HouseholdTags, @Ctx() ctx: Context): Promise<boolean> {
    return householdCarries(ctx, t.householdNo, Tag.NEEDS_HEALTH_FOLLOW_UP);
  }
}
