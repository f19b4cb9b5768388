import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Policy, ResidentData, Structural } from '../../policy/policy.decorators';
import { VISIT_OUTCOMES } from './needCatalog';
import type { VisitRow } from './visitRows';

export enum VisitOutcomeEnum {
  MET = 'MET',
  NOT_HOME = 'NOT_HOME',
  REFUSED = 'REFUSED',
  NOT_LIVING_HERE = 'NOT_LIVING_HERE',
  MOVED_OUT = 'MOVED_OUT',
}
registerEnumType(VisitOutcomeEnum, { name: 'VisitOutcome', description: 'What the staff member found at the door.' });
// The enum and the catalogue must list the same outcomes (the database checks the same list).
if (Object.values(VisitOutcomeEnum).join() !== VISIT_OUTCOMES.join()) throw new Error('VisitOutcome enum and VISIT_OUTCOMES differ');

/**
 * What was observed at the door besides the outcome. Street data (owner `street`, level 2): street
 * staff and the resident read it; department roles do not.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ description: 'Structured observations of a visit.' })
export class VisitObservationsView {
  constructor(readonly row: VisitRow, readonly subjectId: string) {}
  @Policy('street', 2) @Field(() => Boolean, { nullable: true, description: 'Living alone confirmed (true), found not alone (false), or not checked (null).' })
  get livesAloneConfirmed(): boolean | null { return this.row.lives_alone_confirmed; }
  @Policy('street', 2) @Field(() => Int, { nullable: true, description: 'People actually living there, if established.' })
  get occupants(): number | null { return this.row.occupants; }
  @Policy('street', 2) @Field(() => Boolean, { nullable: true, description: 'The people found differ from the registered household (人户不符).' })
  get addressMismatch(): boolean | null { return this.row.address_mismatch; }
}

/**
 * A door-to-door visit recorded by the street office (owner `street`). The date and the office
 * (level 1) are what department roles planning their own visits may see, so visits stop
 * duplicating; what was found (level 2) is the street's, the resident's, and the police's when they
 * verify registered addresses; what the resident said (the note, level 3) is the street's and the resident's.
 * `subjectId` is the subject the visit is read as a fact about: the household (Household.visits) or
 * the person met (Person.lastVisit).
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ description: 'A door-to-door visit (入户走访) recorded by the street office.' })
export class Visit {
  constructor(readonly row: VisitRow, readonly subjectId: string) {}

  @Policy('street', 1) @Field(() => ID, { nullable: false, description: 'Opaque id of the visit.' })
  get id(): string { return this.row.id; }

  @Policy('street', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the visit was made.' })
  get visitedAt(): Date { return new Date(this.row.visited_at); }

  @Policy('street', 1) @Field(() => String, { nullable: true, description: 'The office that made the visit (`street`).' })
  get department(): string { return 'street'; }

  @Policy('street', 2) @Field(() => VisitOutcomeEnum, { nullable: true })
  get outcome(): VisitOutcomeEnum { return this.row.outcome as VisitOutcomeEnum; }

  @Policy('street', 2) @Field(() => [ID], { nullable: true, description: 'Hub ids of the registered members met.' })
  get membersMet(): string[] { return this.row.members_met; }

  @Policy('street', 2, 'PRESENCE') @Field(() => VisitObservationsView, { nullable: true })
  get observations(): VisitObservationsView { return new VisitObservationsView(this.row, this.subjectId); }

  @Policy('street', 3) @Field(() => String, { nullable: true, description: "The resident's views, in the staff member's words (never an ID, phone or card number)." })
  get note(): string | null { return this.row.note; }

  @Policy('street', 2) @Field(() => [String], { nullable: true, description: 'Needs raised, as codes of the needs catalogue.' })
  get needs(): string[] { return this.row.needs; }
}

@ResidentData('AGGREGATE', 'a page wrapper: its visit records its own fields')
@ObjectType({ description: 'A visit in a page of visits.' })
export class VisitEdge {
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: false }) cursor!: string;
  @Policy('street', 1) @Field(() => Visit, { nullable: false }) node!: Visit;
}

@ObjectType({ description: 'Page info of a page of visits.' })
export class VisitPageInfo {
  @Structural('paging') @Field(() => Boolean, { nullable: false }) hasNextPage!: boolean;
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ResidentData('AGGREGATE', 'a page of visits: what it says about the resident is recorded as the field that returned it (Household.visits)')
@ObjectType({ description: 'Visits, newest first.' })
export class VisitConnection {
  @Policy('street', 1) @Field(() => [VisitEdge], { nullable: false }) edges!: VisitEdge[];
  @Structural('paging') @Field(() => VisitPageInfo, { nullable: false }) pageInfo!: VisitPageInfo;
}
