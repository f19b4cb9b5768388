import { Field, Int, ObjectType } from 'type-graphql';
import type { BirthRow, ChronicConditionRow, DeathRow, FamilyDoctorRow, VaccinationRow } from './healthRows';
import { Policy, ResidentData } from '../../policy/policy.decorators';
import { LocalDate } from '../../schema/scalars';

/** The health (卫健) section of a person's file; its fields are resolved from health. */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'The health (卫健) section of a person file.' })
export class HealthSection {
  constructor(
    readonly idNumber: string,
    /** Hub id of the person whose section this is. */
    readonly subjectId: string,
  ) {}
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Family-doctor contract (家庭医生签约).' })
export class FamilyDoctorContract {
  constructor(readonly row: FamilyDoctorRow, readonly subjectId: string) {}
  @Policy('health', 2) @Field(() => String) get doctorName(): string { return this.row.doctor_name; }
  @Policy('health', 2) @Field(() => String) get clinic(): string { return this.row.clinic; }
  @Policy('health', 2) @Field(() => LocalDate) get signedOn(): string { return this.row.signed_on; }
  @Policy('health', 2) @Field(() => LocalDate) get expiresOn(): string { return this.row.expires_on; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'A chronic condition under community management.' })
export class ChronicCondition {
  constructor(readonly row: ChronicConditionRow, readonly subjectId: string) {}
  @Policy('health', 4) @Field(() => String, { description: 'ICD-10 code.' }) get icd10(): string { return this.row.icd10; }
  @Policy('health', 4) @Field(() => String) get name(): string { return this.row.name; }
  @Policy('health', 4) @Field(() => LocalDate) get diagnosedOn(): string { return this.row.diagnosed_on; }
  @Policy('health', 4) @Field(() => Boolean, { description: 'Under community follow-up management.' }) get managed(): boolean { return this.row.managed; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'A vaccination given.' })
export class Vaccination {
  constructor(readonly row: VaccinationRow, readonly subjectId: string) {}
  @Policy('health', 3) @Field(() => String) get vaccine(): string { return this.row.vaccine; }
  @Policy('health', 3) @Field(() => Int) get dose(): number { return this.row.dose; }
  // The national schedule gives each dose at a set age, up to three weeks late: the date places the birth within 21 days.
  @Policy('health', 3, 'NONE', { reveals: { fact: 'birthDate', candidates: 21 } })
  @Field(() => LocalDate) get givenOn(): string { return this.row.given_on; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Birth certificate (出生医学证明).' })
export class BirthRecord {
  constructor(readonly row: BirthRow, readonly subjectId: string) {}
  @Policy('health', 3, 'NONE', { value: 'BIRTH_CERTIFICATE_NUMBER' })
  @Field(() => String, { nullable: true }) get certificateNumber(): string { return this.row.certificate_no; }
  // The birth date itself, declared like Person.birthDate: it is the middle of the ID number.
  @Policy('health', 3, 'BIRTH_DATE', { reveals: { fact: 'birthDate', candidates: 1 } })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; when masked, a five-year age band such as 0-4.' }) get bornOn(): string { return this.row.born_on; }
  @Policy('health', 3) @Field(() => String) get hospital(): string { return this.row.hospital; }
  @Policy('health', 3) @Field(() => Int) get weightGrams(): number { return this.row.weight_grams; }
}

@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Death registration (死亡医学证明).' })
export class DeathRecord {
  constructor(readonly row: DeathRow, readonly subjectId: string) {}
  @Policy('health', 3, 'NONE', { value: 'DEATH_CERTIFICATE_NUMBER' })
  @Field(() => String, { nullable: true }) get certificateNumber(): string { return this.row.certificate_no; }
  @Policy('health', 3) @Field(() => LocalDate) get diedOn(): string { return this.row.died_on; }
  @Policy('health', 4)
  @Field(() => String, { nullable: true, description: 'ICD-10 code of the underlying cause.' }) get causeIcd10(): string { return this.row.cause_icd10; }
  @Policy('health', 4)
  @Field(() => String, { nullable: true }) get cause(): string { return this.row.cause; }
}
