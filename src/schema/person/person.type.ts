import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PolicePersonRow } from '../../sources/police/policeRows';
import { LocalDate } from '../scalars';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

/** Age in whole years on `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today's date in China Standard Time, `YYYY-MM-DD`. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * One person, one file (一人一档). The object is created from the person index (the opaque hub
 * id) and the police identity record, police being authoritative for identity (一数一源). Every
 * other section (household, addresses, civil affairs, health) is resolved from its owning
 * department by field resolvers in that department's schema block.
 */
@ObjectType({ description: 'One person, one file (一人一档), assembled live from the departments that own each fact.' })
export class Person {
  constructor(
    /** Opaque hub id; carries no personal data. */
    readonly hubId: string,
    /** Police identity record (authoritative for identity). */
    readonly identity: PolicePersonRow,
  ) {}

  @Field(() => ID, { description: 'Opaque hub id from the person index; never the ID number.' })
  get id(): string {
    return this.hubId;
  }

  @Field(() => String, { nullable: true, description: 'Resident ID number (GB 11643). Police.' })
  get idNumber(): string | null {
    return this.identity.id_number;
  }

  @Field(() => String, { nullable: true, description: 'Name. Police.' })
  get name(): string | null {
    return this.identity.name;
  }

  @Field(() => Sex, { nullable: true, description: 'Police.' })
  get sex(): Sex | null {
    return this.identity.sex === 'M' ? Sex.MALE : Sex.FEMALE;
  }

  @Field(() => LocalDate, { nullable: true, description: 'Birth date. Police.' })
  get birthDate(): string | null {
    return this.identity.birth_date;
  }

  @Field(() => Int, { nullable: true, description: 'Age in whole years today (China time), from the police birth date.' })
  get age(): number | null {
    return ageOn(this.identity.birth_date, todayInChina());
  }

  @Field(() => String, { nullable: true, description: 'Ethnicity (民族). Police.' })
  get ethnicity(): string | null {
    return this.identity.ethnicity;
  }

  @Field(() => String, { nullable: true, description: 'Registered mobile phone. Police.' })
  get phone(): string | null {
    return this.identity.phone;
  }

  @Field(() => String, { nullable: true, description: 'Relation to the head of the registered household (HEAD, SPOUSE, CHILD, ...). Police.' })
  get relationToHead(): string | null {
    return this.identity.relation_to_head;
  }

  @Field(() => Boolean, { nullable: true, description: 'Registered (户籍) outside this city: part of the floating population. Police.' })
  get isFloatingPopulation(): boolean | null {
    return this.identity.household_no === null;
  }

  @Field(() => String, { nullable: true, description: 'Key-person category on the police watch list. Police, highly sensitive.' })
  get watchFlag(): string | null {
    return this.identity.watch_flag;
  }
}
