import { Field, ObjectType } from 'type-graphql';
import type { ResidenceRegistrationRow } from './policeRows';
import { LocalDate } from '../../schema/scalars';
import { Policy, ResidentData } from '../../policy/policy.decorators';

/** A residence registration (居住登记), with a residence permit (居住证) for the floating population. Police. */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Residence registration (居住登记) or residence permit (居住证). Police.' })
export class ResidenceRegistration {
  constructor(
    readonly row: ResidenceRegistrationRow,
    /** Hub id of the person. */
    readonly subjectId: string,
  ) {}

  @Policy('police', 3, 'SERIAL_PREFIX', { value: 'RESIDENCE_PERMIT_NUMBER' })
  @Field(() => String, { nullable: true, description: 'Residence permit number (居住证号); null for a registration without a permit.' })
  get permitNumber(): string | null {
    return this.row.permit_no;
  }

  @Policy('police', 2)
  @Field(() => LocalDate)
  get registeredOn(): string {
    return this.row.registered_on;
  }

  @Policy('police', 2)
  @Field(() => LocalDate, { nullable: true })
  get expiresOn(): string | null {
    return this.row.expires_on;
  }

  @Policy('police', 2)
  @Field(() => String, { description: 'ACTIVE, EXPIRED or CANCELLED.' })
  get status(): string {
    return this.row.status;
  }
}
