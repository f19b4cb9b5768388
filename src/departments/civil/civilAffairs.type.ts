import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AssistanceRow, ChildInDifficultyRow, DisabilityRow, ElderlyCareRow } from './civilRows';
import { Policy, ResidentData } from '../../policy/policy.decorators';
import { LocalDate } from '../../schema/scalars';

/** The civil affairs (民政) section of a person's file; its fields are resolved from civil affairs. */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'The civil affairs (民政) section of a person file.' })
export class CivilAffairs {
  constructor(
    readonly idNumber: string,
    /** Hub id of the person whose section this is. */
    readonly subjectId: string,
  ) {}
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Social assistance: 低保 (MINIMUM_LIVING), 特困 (EXTREME_POVERTY), 高龄津贴 (OLD_AGE_ALLOWANCE) or 重度残疾人护理补贴 (DISABILITY_SUBSIDY).' })
export class Assistance {
  constructor(readonly row: AssistanceRow, readonly subjectId: string) {}
  @Policy('civil', 3) @Field(() => String) get kind(): string { return this.row.kind; }
  @Policy('civil', 3, 'AMOUNT')
  @Field(() => Float, { nullable: true, description: 'Monthly amount in yuan; when masked, rounded down to 100.' })
  get monthlyAmount(): number | null { return Number(this.row.monthly_amount); }
  @Policy('civil', 3) @Field(() => LocalDate) get startedOn(): string { return this.row.started_on; }
  @Policy('civil', 3) @Field(() => LocalDate, { nullable: true }) get endedOn(): string | null { return this.row.ended_on; }
  @Policy('civil', 3) @Field(() => String, { description: 'ACTIVE or STOPPED.' }) get status(): string { return this.row.status; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Disability certificate (残疾人证).' })
export class Disability {
  constructor(readonly row: DisabilityRow, readonly subjectId: string) {}
  // 残疾人证号 is the holder's ID number plus two digits: disclosed no more than the ID number, and
  // without a partial form (any of its digits is a digit of the ID number or the denied category/grade).
  @Policy('civil', 3, 'NONE', { alsoReveals: { owner: 'police', level: 3 }, value: 'DISABILITY_CERTIFICATE' })
  @Field(() => String, { nullable: true }) get certificateNumber(): string { return this.row.certificate_no; }
  @Policy('civil', 3, 'NONE', { reveals: { fact: 'disabilityCategory', candidates: 1 } })
  @Field(() => String, { description: 'VISUAL, HEARING, SPEECH, PHYSICAL, INTELLECTUAL, MENTAL or MULTIPLE.' })
  get category(): string { return this.row.category; }
  @Policy('civil', 3, 'NONE', { reveals: { fact: 'disabilityGrade', candidates: 1 } })
  @Field(() => Int, { description: '1 (most severe) to 4.' }) get grade(): number { return this.row.grade; }
  @Policy('civil', 3) @Field(() => LocalDate) get issuedOn(): string { return this.row.issued_on; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Elderly care assessment.' })
export class ElderlyCare {
  constructor(readonly row: ElderlyCareRow, readonly subjectId: string) {}
  @Policy('civil', 2) @Field(() => Boolean, { description: 'Lives alone (独居).' }) get livesAlone(): boolean { return this.row.lives_alone; }
  @Policy('civil', 3)
  @Field(() => Int, { nullable: true, description: '0 self-reliant .. 5 fully dependent.' }) get careLevel(): number { return this.row.care_level; }
  @Policy('civil', 2) @Field(() => LocalDate) get assessedOn(): string { return this.row.assessed_on; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Child in difficulty (困境儿童).' })
export class ChildInDifficulty {
  constructor(readonly row: ChildInDifficultyRow, readonly subjectId: string) {}
  @Policy('civil', 4) @Field(() => String, { description: 'ORPHAN, DE_FACTO_UNSUPPORTED or LEFT_BEHIND.' }) get category(): string { return this.row.category; }
  @Policy('civil', 4) @Field(() => LocalDate) get registeredOn(): string { return this.row.registered_on; }
}
