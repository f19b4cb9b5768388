import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Policy, ResidentData, Structural } from '../../policy/policy.decorators';
import type { FindingRow, ShareRow } from '../findingsSource';

/**
 * An open finding of a cross-department check (src/checks/rules.ts), as the department that must
 * act on it reads it: the rule, the subject (a hub person id, or the owner's own record key) and
 * when it was first and last seen — the facts needed to act, never a department's values (the
 * officer opens the person's file under their purpose to see those). The hub's own data (owner
 * `hub`); who may read which rule is decided before (src/checks/findingAccess.ts), and reading is
 * recorded in the access log for the subject. `subjectId` is the record subject: the hub person,
 * or — when the hub has no person for the case (assistance paid to a number police do not know) —
 * the finding's own id, so the read is still recorded (the log's subjects are uuids) and an auditor
 * can follow it to the finding and its owner record key; never left unattributed.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ description: 'An open finding of a cross-department check, for the department that must act on it (docs/checks.md).' })
export class Discrepancy {
  readonly subjectId: string;
  constructor(readonly row: FindingRow) {
    this.subjectId = row.subject_id ?? row.id;
  }

  @Policy('hub', 1) @Field(() => ID, { nullable: false, description: 'Opaque id of the finding (the ticket reference).' })
  get id(): string { return this.row.id; }

  @Policy('hub', 3) @Field(() => String, { nullable: true, description: 'The rule (docs/checks.md): what disagrees, and so what it reveals about the subject.' })
  get rule(): string { return this.row.rule; }

  @Policy('hub', 1) @Field(() => ID, { nullable: true, description: 'Hub id of the person concerned (null when the hub has no person for the case).' })
  get personId(): string | null { return this.row.subject_id; }

  @Policy('hub', 2) @Field(() => String, { nullable: true, description: 'The owner department\'s own record key, when the hub has no person for the case (e.g. `civil.assistance:123`).' })
  get ownerRecord(): string | null { return this.row.subject_id ? null : this.row.subject_key; }

  @Policy('hub', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'The run that first found it.' })
  get firstSeenAt(): Date { return new Date(this.row.first_seen_at); }

  @Policy('hub', 1) @Field(() => DateTimeISOResolver, { nullable: true, description: 'The latest run that still found it.' })
  get lastSeenAt(): Date { return new Date(this.row.last_seen_at); }
}

@ResidentData('AGGREGATE', 'a page wrapper: its finding records its own fields')
@ObjectType({ description: 'A finding in a page of findings.' })
export class DiscrepancyEdge {
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: false }) cursor!: string;
  @Policy('hub', 1) @Field(() => Discrepancy, { nullable: false }) node!: Discrepancy;
}

@ObjectType({ description: 'Page info of a page of findings.' })
export class DiscrepancyPageInfo {
  @Structural('paging') @Field(() => Boolean) hasNextPage!: boolean;
  @Structural('paging: an opaque cursor') @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ResidentData('AGGREGATE', 'a page of the department\'s own findings and their count: each finding records its own fields')
@ObjectType({ description: 'A page of the caller\'s department\'s open findings, oldest first.' })
export class DiscrepancyConnection {
  @Policy('hub', 1) @Field(() => [DiscrepancyEdge], { nullable: false }) edges!: DiscrepancyEdge[];
  @Structural('paging') @Field(() => DiscrepancyPageInfo, { nullable: false }) pageInfo!: DiscrepancyPageInfo;
  @Structural('a count of the caller\'s own department\'s open findings for the rules asked') @Field(() => Int, { nullable: false }) totalCount!: number;
}

@ObjectType({ description: 'One check run\'s share of residents with an open finding the department must act on.' })
export class FindingShare {
  constructor(row: ShareRow) {
    this.runId = row.run_id;
    this.asOf = row.as_of;
    this.finishedAt = new Date(row.finished_at);
    this.residentsWithOpenFinding = Number(row.subjects);
    this.residents = Number(row.residents);
    this.share = this.residents === 0 ? 0 : this.residentsWithOpenFinding / this.residents;
  }
  @Field(() => ID) runId: string;
  @Field(() => String, { description: 'The day the run evaluated the rules for.' }) asOf: string;
  @Field(() => DateTimeISOResolver) finishedAt: Date;
  @Field(() => Int, { description: 'Residents (hub persons) with at least one open finding of the department.' }) residentsWithOpenFinding: number;
  @Field(() => Int, { description: 'Residents the hub knows at the run.' }) residents: number;
  @Field(() => Float, { description: 'residentsWithOpenFinding / residents.' }) share: number;
}
