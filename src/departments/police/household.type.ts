import { Field, ID, ObjectType } from 'type-graphql';
import type { PoliceHouseholdRow } from './policeRows';
import { Node } from '../../schema/node/node.interface';
import { Address, buildingAddress } from './address.type';
import { LocalDate } from '../../schema/scalars';
import { Policy, ResidentData } from '../../policy/policy.decorators';

/**
 * One household, one file (一户一档): a registered household (户籍户) from police, its address,
 * grid and community from the hub's address library, and its members' files.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'One household, one file (一户一档): a registered household (户籍户) and its members.' })
export class Household implements Node {
  constructor(
    readonly hubId: string,
    readonly record: PoliceHouseholdRow,
  ) {}

  /** The household's own hub id: its fields are recorded as disclosures about it. */
  get subjectId(): string {
    return this.hubId;
  }

  @Policy('hub', 1)
  @Field(() => ID, { nullable: false, description: 'Opaque hub id from the household index.' })
  get id(): string {
    return this.hubId;
  }

  @Policy('police', 3, 'SERIAL_PREFIX', { value: 'HOUSEHOLD_NUMBER' })
  @Field(() => String, { nullable: true, description: 'Household register number (户号); when masked, the street prefix only (110101001******). Police.' })
  get householdNumber(): string | null {
    return this.record.household_no;
  }

  @Policy('police', 2)
  @Field(() => String, { nullable: true, description: 'FAMILY (家庭户) or COLLECTIVE (集体户). Police.' })
  get kind(): string | null {
    return this.record.kind;
  }

  @Policy('police', 2)
  @Field(() => LocalDate, { nullable: true, description: 'When the household was registered. Police.' })
  get registeredOn(): string | null {
    return this.record.registered_on;
  }

  @Policy('police', 2)
  @Field(() => Address, { nullable: true, description: 'Registered address of the household. Police, via the hub address library.' })
  get address(): Address | null {
    return buildingAddress(this.hubId, this.record.building_code, this.record.room);
  }
}
