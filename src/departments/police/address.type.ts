import { Field, ObjectType } from 'type-graphql';
import { Policy, ResidentData } from '../../policy/policy.decorators';

/**
 * An address. Inside the city it is a building of the standard address library (with its grid
 * and community) plus a room; outside the city (a floating resident's registered address) it is
 * only text. `text`, `grid` and `community` are resolved from the hub's address library.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'An address: a building of the standard address library and a room, or text for places outside the city.' })
export class Address {
  constructor(
    /** Hub id of the person or household whose address this is. */
    readonly subjectId: string,
    readonly buildingCode: string | null,
    readonly roomNumber: string | null,
    readonly outsideText: string | null,
  ) {}

  /** Two addresses are the same place when building and room match. */
  sameAs(other: Address): boolean {
    if (this.buildingCode === null || other.buildingCode === null) return this.outsideText === other.outsideText && this.buildingCode === other.buildingCode;
    return this.buildingCode === other.buildingCode && this.roomNumber === other.roomNumber;
  }

  @Policy('police', 1)
  @Field(() => Boolean, { description: 'Whether the address is inside the city (in the standard address library).' })
  get withinCity(): boolean {
    return this.buildingCode !== null;
  }

  @Policy('police', 2)
  @Field(() => String, { nullable: true, description: 'Room within the building.' })
  get room(): string | null {
    return this.roomNumber;
  }
}

export function buildingAddress(subjectId: string, buildingCode: string, room: string): Address {
  return new Address(subjectId, buildingCode, room, null);
}

export function outsideAddress(subjectId: string, text: string): Address {
  return new Address(subjectId, null, null, text);
}
