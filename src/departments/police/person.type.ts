import { Ctx, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Policy, ResidentData } from '../../policy/policy.decorators';
import { ageBand, ageOn } from '../../identity/age';
import { ageDayFor } from '../../policy/ageDay';
import type { PolicePersonRow } from './policeRows';
import type { Context } from '../../schema/context';
import { Node } from '../../schema/node/node.interface';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

/**
 * One person, one file (一人一档). The object is created from the person index (the opaque hub
 * id) and the police identity record, police being authoritative for identity (一数一源). Every
 * other section (household, addresses, civil affairs, health) is resolved from its owning
 * department by field resolvers in that department's schema block.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'One person, one file (一人一档), assembled live from the departments that own each fact.' })
export class Person implements Node {
  constructor(
    /** Opaque hub id; carries no personal data. */
    readonly hubId: string,
    /** Police identity record (authoritative for identity). */
    readonly identity: PolicePersonRow,
  ) {}

  /** Whose data this is, for the access log: the person's own hub id. */
  get subjectId(): string {
    return this.hubId;
  }

  @Policy('hub', 1)
  @Field(() => ID, { nullable: false, description: 'Opaque hub id from the person index; never the ID number.' })
  get id(): string {
    return this.hubId;
  }

  @Policy('police', 3, 'ID_NUMBER', { value: 'ID_NUMBER' })
  @Field(() => String, { nullable: true, description: 'Resident ID number (GB 11643). Police.' })
  get idNumber(): string | null {
    return this.identity.id_number;
  }

  @Policy('police', 2, 'NAME')
  @Field(() => String, { nullable: true, description: 'Name. Police.' })
  get name(): string | null {
    return this.identity.name;
  }

  @Policy('police', 1, 'NONE', { reveals: { fact: 'sex', candidates: 1 } })
  @Field(() => Sex, { nullable: true, description: 'Police.' })
  get sex(): Sex | null {
    return this.identity.sex === 'M' ? Sex.MALE : Sex.FEMALE;
  }

  // The middle eight digits of the ID number: declared at the ID number's level, so it is masked
  // wherever the ID number is (docs/access-matrix.md).
  @Policy('police', 3, 'BIRTH_DATE', { reveals: { fact: 'birthDate', candidates: 1 } })
  @Field(() => String, { nullable: true, description: 'Birth date, YYYY-MM-DD; when masked, a five-year age band such as 60-64. Police.' })
  get birthDate(): string | null {
    return this.identity.birth_date;
  }

  // Reckoned on 1 January for callers who may not read the birth date (policy/ageDay.ts): read
  // daily, an age reckoned on the day would move on the birthday and give the birth date away.
  @Policy('police', 2, 'NONE', { reveals: { fact: 'birthDate', candidates: 366 } })
  @Field(() => Int, { nullable: true, description: 'Age in whole years (China time), from the police birth date: today for callers who may read the birth date, else on 1 January of this year.' })
  age(@Ctx() ctx: Context): number | null {
    return ageOn(this.identity.birth_date, ageDayFor(ctx.access));
  }

  // Read once, a band leaves 1,826 dates; read over five years, its edges move once a year (on
  // 1 January, policy/ageDay.ts) and leave the 366 of an age.
  @Policy('police', 1, 'NONE', { reveals: { fact: 'birthDate', candidates: 366 } })
  @Field(() => String, { nullable: true, description: 'Five-year age band such as 60-64, from the police birth date, reckoned like age.' })
  ageBand(@Ctx() ctx: Context): string | null {
    return ageBand(this.identity.birth_date, ageDayFor(ctx.access));
  }

  @Policy('police', 3)
  @Field(() => String, { nullable: true, description: 'Ethnicity (民族). Police.' })
  get ethnicity(): string | null {
    return this.identity.ethnicity;
  }

  @Policy('police', 2, 'PHONE', { value: 'MOBILE_PHONE' })
  @Field(() => String, { nullable: true, description: 'Registered mobile phone. Police.' })
  get phone(): string | null {
    return this.identity.phone;
  }

  @Policy('police', 2)
  @Field(() => String, { nullable: true, description: 'Relation to the head of the registered household (HEAD, SPOUSE, CHILD, ...). Police.' })
  get relationToHead(): string | null {
    return this.identity.relation_to_head;
  }

  @Policy('police', 2)
  @Field(() => Boolean, { nullable: true, description: 'Registered (户籍) outside this city: part of the floating population. Police.' })
  get isFloatingPopulation(): boolean | null {
    return this.identity.household_no === null;
  }

  @Policy('police', 4)
  @Field(() => String, { nullable: true, description: 'Key-person category on the police watch list. Police, highly sensitive.' })
  get watchFlag(): string | null {
    return this.identity.watch_flag;
  }
}
