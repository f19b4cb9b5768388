import { Field, Int, ObjectType } from 'type-graphql';
import type { BirthRow, ChronicConditionRow, DeathRow, FamilyDoctorRow, VaccinationRow } from '../../sources/health/healthRows';
import { Policy, ResidentData } from '../../policy/policy.decorators';
import { LocalDate } from '../scalars';

/** The health (卫健) section of a person's file; its fields are resolved from health. */
@ResidentData({ owner: 'health', level: 1 })
@ObjectType({ description: 'The health (卫健) section of a person file.' })
export class HealthSection {
  constructor(
    readonly idNumber: string,
    /** Hub id of the person whose section this is. */
    readonly ownerId: string,
  ) {}
}

@ResidentData({ owner: 'health', level: 2 })
@ObjectType({ description: 'Family-doctor contract (家庭医生签约).' })
export class FamilyDoctorContract {
  constructor(readonly row: FamilyDoctorRow, readonly ownerId: string) {}
  @Field(() => String) get doctorName(): string { return this.row.doctor_name; }
  @Field(() => String) get clinic(): string { return this.row.clinic; }
  @Field(() => LocalDate) get signedOn(): string { return this.row.signed_on; }
  @Field(() => LocalDate) get expiresOn(): string { return this.row.expires_on; }
}

@ResidentData({ owner: 'health', level: 4 })
@ObjectType({ description: 'A chronic condition under community management.' })
export class ChronicCondition {
  constructor(readonly row: ChronicConditionRow, readonly ownerId: string) {}
  @Field(() => String, { description: 'ICD-10 code.' }) get icd10(): string { return this.row.icd10; }
  @Field(() => String) get name(): string { return this.row.name; }
  @Field(() => LocalDate) get diagnosedOn(): string { return this.row.diagnosed_on; }
  @Field(() => Boolean, { description: 'Under community follow-up management.' }) get managed(): boolean { return this.row.managed; }
}

@ResidentData({ owner: 'health', level: 3 })
@ObjectType({ description: 'A vaccination given.' })
export class Vaccination {
  constructor(readonly row: VaccinationRow, readonly ownerId: string) {}
  @Field(() => String) get vaccine(): string { return this.row.vaccine; }
  @Field(() => Int) get dose(): number { return this.row.dose; }
  @Field(() => LocalDate) get givenOn(): string { return this.row.given_on; }
}

@ResidentData({ owner: 'health', level: 3 })
@ObjectType({ description: 'Birth certificate (出生医学证明).' })
export class BirthRecord {
  constructor(readonly row: BirthRow, readonly ownerId: string) {}
  @Policy('health', 3, 'LAST_FOUR')
  @Field(() => String, { nullable: true }) get certificateNumber(): string { return this.row.certificate_no; }
  @Policy('health', 2)
  @Field(() => LocalDate) get bornOn(): string { return this.row.born_on; }
  @Field(() => String) get hospital(): string { return this.row.hospital; }
  @Field(() => Int) get weightGrams(): number { return this.row.weight_grams; }
}

@ResidentData({ owner: 'health', level: 3 })
@ObjectType({ description: 'Death registration (死亡医学证明).' })
export class DeathRecord {
  constructor(readonly row: DeathRow, readonly ownerId: string) {}
  @Policy('health', 3, 'LAST_FOUR')
  @Field(() => String, { nullable: true }) get certificateNumber(): string { return this.row.certificate_no; }
  @Field(() => LocalDate) get diedOn(): string { return this.row.died_on; }
  @Policy('health', 4)
  @Field(() => String, { nullable: true, description: 'ICD-10 code of the underlying cause.' }) get causeIcd10(): string { return this.row.cause_icd10; }
  @Policy('health', 4)
  @Field(() => String, { nullable: true }) get cause(): string { return this.row.cause; }
}
