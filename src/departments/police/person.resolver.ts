import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadInputError } from '../../errors';
import { validateIdNumber } from '../../identity/idNumber';
import { Address, buildingAddress, outsideAddress } from './address.type';
import type { Context } from '../../schema/context';
import { Household } from './household.type';
import { householdByNumber } from './householdRecords';
import { parseHubId } from '../../schema/ids';
import { Person } from './person.type';
import { countMisses, personByHubId, personByIdNumber } from './personRecords';
import { ResidenceRegistration } from './residence.type';
import { Policy } from '../../policy/policy.decorators';

/** Most ids one `persons` request may ask for. */
export const MAX_BATCH_IDS = 500;

const ID_NUMBER_PROBLEMS = {
  FORMAT: 'An ID number has 17 digits followed by a digit or X.',
  BIRTH_DATE: 'The ID number does not contain a valid birth date.',
  CHECKSUM: 'The ID number check character (GB 11643) does not match; please re-check the number.',
} as const;

/** The person's current residence registration if it is active, else null. */
async function activeResidence(person: Person, ctx: Context) {
  const row = await ctx.loaders.police.residenceByIdNumber.load(person.identity.id_number);
  return row && row.status === 'ACTIVE' ? row : null;
}

/** Registered address: the 户籍 household's, or the native place for the floating population. */
async function registeredAddressOf(person: Person, ctx: Context): Promise<Address | null> {
  const { household_no: householdNo, native_place: nativePlace } = person.identity;
  if (householdNo === null) return nativePlace ? outsideAddress(person.subjectId, nativePlace) : null;
  const household = await ctx.loaders.police.householdByNo.load(householdNo);
  return household && buildingAddress(person.subjectId, household.building_code, household.room);
}

/** Actual address: an active residence registration, else the registered address. */
async function actualAddressOf(person: Person, ctx: Context): Promise<Address | null> {
  const residence = await activeResidence(person, ctx);
  return residence ? buildingAddress(person.subjectId, residence.building_code, residence.room) : registeredAddressOf(person, ctx);
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person file by opaque hub id; null when there is no such person.' })
  async person(@Arg('id', () => ID, { nullable: false }) id: string, @Ctx() ctx: Context): Promise<Person | null> {
    return countMisses(ctx, [await personByHubId(ctx, parseHubId(id, 'person'))])[0];
  }

  @Query(() => [Person], {
    nullable: 'items',
    description: `Person files for up to ${MAX_BATCH_IDS} hub ids, in the order given; null where there is no such person (or none within reach).`,
  })
  async persons(@Arg('ids', () => [ID], { nullable: false }) ids: string[], @Ctx() ctx: Context): Promise<Array<Person | null>> {
    if (ids.length > MAX_BATCH_IDS) throw new BadInputError('TOO_MANY_IDS', `At most ${MAX_BATCH_IDS} ids per request.`, { argument: 'ids', max: MAX_BATCH_IDS });
    const hubIds = ids.map((id) => parseHubId(id, 'person'));
    return countMisses(ctx, await Promise.all(hubIds.map((id) => personByHubId(ctx, id))));
  }

  @Query(() => Person, {
    nullable: true,
    description: 'A person file by resident ID number. A malformed number or wrong check character is an INVALID_ID_NUMBER error; an unknown valid number is null.',
  })
  async personByIdNumber(@Arg('idNumber', () => String, { nullable: false }) idNumber: string, @Ctx() ctx: Context): Promise<Person | null> {
    const checked = validateIdNumber(idNumber);
    if (!checked.ok) {
      throw new BadInputError('INVALID_ID_NUMBER', ID_NUMBER_PROBLEMS[checked.problem], { argument: 'idNumber', problem: checked.problem });
    }
    return countMisses(ctx, [await personByIdNumber(ctx, checked.idNumber)])[0];
  }

  @Policy('police', 2)
  @FieldResolver(() => Household, { nullable: true, description: 'Registered household (户籍户); null for the floating population. Police.' })
  household(@Root() person: Person, @Ctx() ctx: Context): Promise<Household | null> | null {
    const householdNo = person.identity.household_no;
    return householdNo === null ? null : householdByNumber(ctx, householdNo);
  }

  @Policy('police', 2)
  @FieldResolver(() => Address, { nullable: true, description: 'Registered (户籍) address. Police.' })
  registeredAddress(@Root() person: Person, @Ctx() ctx: Context): Promise<Address | null> {
    return registeredAddressOf(person, ctx);
  }

  @Policy('police', 2)
  @FieldResolver(() => Address, { nullable: true, description: 'Where the person actually lives: an active residence registration, else the registered address. Police.' })
  actualAddress(@Root() person: Person, @Ctx() ctx: Context): Promise<Address | null> {
    return actualAddressOf(person, ctx);
  }

  @Policy('police', 2)
  @FieldResolver(() => Boolean, { nullable: true, description: 'Lives away from the registered address (人户分离). Police.' })
  async livesAwayFromRegisteredAddress(@Root() person: Person, @Ctx() ctx: Context): Promise<boolean | null> {
    const [registered, actual] = await Promise.all([registeredAddressOf(person, ctx), actualAddressOf(person, ctx)]);
    if (!registered || !actual) return null;
    return !registered.sameAs(actual);
  }

  @Policy('police', 2)
  @FieldResolver(() => ResidenceRegistration, { nullable: true, description: 'Current residence registration or permit, if any. Police.' })
  async residence(@Root() person: Person, @Ctx() ctx: Context): Promise<ResidenceRegistration | null> {
    const row = await ctx.loaders.police.residenceByIdNumber.load(person.identity.id_number);
    return row && new ResidenceRegistration(row, person.subjectId);
  }
}
