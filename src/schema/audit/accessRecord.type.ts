import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AccessSummaryGrouping {
  PRINCIPAL = 'PRINCIPAL',
  PURPOSE = 'PURPOSE',
  DAY = 'DAY',
}
registerEnumType(AccessSummaryGrouping, { name: 'AccessSummaryGrouping' });

@ObjectType({ simpleResolvers: true, description: 'Fields disclosed to a group of persons or households that saw the same fields with the same decisions.' })
export class DisclosureGroup {
  @Field(() => [ID], { nullable: false, description: 'Opaque hub ids of the persons or households.' }) subjects!: string[];
  @Field(() => [String], { nullable: false, description: 'Type.field disclosed in full.' }) allowed!: string[];
  @Field(() => [String], { nullable: false, description: 'Type.field disclosed masked.' }) masked!: string[];
  @Field(() => [String], { nullable: false, description: 'Type.field asked for and denied.' }) denied!: string[];
  @Field(() => [String], { nullable: false, description: 'Type.field allowed but not disclosed because its source failed (unavailable, timed out, circuit open) or the request ran out of time.' }) failed!: string[];
}

/** One access record as auditors see it. */
@ObjectType({ simpleResolvers: true, description: 'One request that touched resident data: who, why, whose data, which fields, and its place in the hash chain.' })
export class AccessRecordEntry {
  @Field(() => ID, { nullable: false, description: 'Position in the hash chain.' }) seq!: string;
  @Field(() => DateTimeISOResolver, { nullable: false }) occurredAt!: Date;
  @Field(() => String, { nullable: false }) requestId!: string;
  @Field(() => String, { nullable: false, description: 'Token subject of the staff member or app.' }) subject!: string;
  @Field(() => String, { nullable: false }) role!: string;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: false }) clientApp!: string;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => String, { nullable: true, description: 'CASE_INVESTIGATION\'s case number.' }) caseNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'SERVICE_APPLICATION\'s service item (a catalogue code), kept where a case number is.' }) serviceItem?: string | null;
  @Field(() => String, { nullable: true }) operationName!: string | null;
  @Field(() => String, { nullable: false, description: 'Keyed fingerprint (HMAC-SHA256, a key auditors do not hold) of the document with every literal and client-chosen name stripped: equal for requests of the same shape; the text itself is not kept.' }) documentHash!: string;
  @Field(() => String, { nullable: false, description: 'DISCLOSED, PARTIAL (some fields denied or failed), NOTHING_FOUND, REFUSED, ERROR, ABANDONED (the client left before the response was sent), WRITTEN (a record of the hub\'s own was written: the fields written are under allowed) or WRITE_FAILED (that write did not take effect; same request id).' }) outcome!: string;
  @Field(() => String, { nullable: true, description: 'For a REFUSED request, the code it was refused with (FILTER_NOT_PERMITTED, INVALID_CASE_NUMBER, PURPOSE_NOT_GRANTED, ...).' }) refusal?: string | null;
  @Field(() => Int, { nullable: false }) durationMs!: number;
  @Field(() => [ID], { nullable: false, description: 'Hub ids of the persons whose data was disclosed.' }) residents!: string[];
  @Field(() => [ID], { nullable: false }) households!: string[];
  @Field(() => Int, { nullable: false, description: 'Ids asked for that came back empty (missing or out of scope).' }) misses!: number;
  @Field(() => [DisclosureGroup], { nullable: false }) disclosures!: DisclosureGroup[];
  @Field(() => String, { nullable: false }) prevHash!: string;
  @Field(() => String, { nullable: false }) hash!: string;
}

@ObjectType({ simpleResolvers: true })
export class AccessRecordEdge {
  @Field(() => String, { nullable: false }) cursor!: string;
  @Field(() => AccessRecordEntry, { nullable: false }) node!: AccessRecordEntry;
}

@ObjectType({ simpleResolvers: true })
export class AccessLogPageInfo {
  @Field(() => Boolean, { nullable: false }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of access records, newest first.' })
export class AccessRecordConnection {
  @Field(() => Int, { nullable: false }) totalCount!: number;
  @Field(() => [AccessRecordEdge], { nullable: false }) edges!: AccessRecordEdge[];
  @Field(() => AccessLogPageInfo, { nullable: false }) pageInfo!: AccessLogPageInfo;
}

@ObjectType({ simpleResolvers: true, description: 'Access log totals for one principal, purpose or day.' })
export class AccessSummaryRow {
  @Field(() => String, { nullable: false }) key!: string;
  @Field(() => Int, { nullable: false }) records!: number;
  @Field(() => Int, { nullable: false, description: 'Distinct residents whose data was disclosed.' }) residents!: number;
  @Field(() => Int, { nullable: false }) refused!: number;
  @Field(() => Int, { nullable: false, description: 'Records in which at least one field was denied.' }) withDenials!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A pattern in the access log worth an auditor\'s look, with the records behind it.' })
export class AccessAnomaly {
  @Field(() => String, { nullable: false, description: 'BULK_LOOKUP, REPEATED_REFUSALS, OFF_HOURS, RARE_PURPOSE, MISS_BUDGET_EXCEEDED or UNBOUND_TICKET_READ.' }) kind!: string;
  @Field(() => String, { nullable: false }) subject!: string;
  @Field(() => String, { nullable: false }) role!: string;
  @Field(() => String, { nullable: false }) description!: string;
  @Field(() => [AccessRecordEntry], { nullable: false }) records!: AccessRecordEntry[];
}

@ObjectType({ simpleResolvers: true, description: 'A field of your file that was read, and how it was shown.' })
export class DisclosedField {
  @Field(() => String, { nullable: false }) field!: string;
  @Field(() => String, { nullable: false, description: 'ALLOW, MASK or DENY.' }) decision!: string;
}

/** A claim a verification answered about the resident, with the answer (for the resident alone). */
@ObjectType({ simpleResolvers: true, description: 'A claim an office verified about you (免提交) and the yes/no answer it was given: never a value behind it.' })
export class ResidentVerifiedClaim {
  @Field(() => String, { nullable: false, description: 'The claim (a Claim value, e.g. AGED_60_OR_OVER).' }) claim!: string;
  @Field(() => String, { nullable: false, description: 'How it reads, e.g. "aged 60 or over".' }) label!: string;
  @Field(() => Boolean, { nullable: true, description: 'The answer given; null for a verification recorded before answers were kept.' }) answer!: boolean | null;
}

/** An entry of a resident's own access history: which department and role, when, why, which fields. */
@ObjectType({ simpleResolvers: true, description: 'Who looked at your file: the department and role (not the staff member), when, for what purpose, and which parts.' })
export class ResidentAccessEntry {
  @Field(() => DateTimeISOResolver, { nullable: false }) occurredAt!: Date;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: false }) role!: string;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => [DisclosedField], { nullable: false }) fields!: DisclosedField[];
  @Field(() => String, { nullable: false, description: 'READ (your file was read) or WROTE (an office recorded something about you, e.g. a visit).' }) action!: string;
  @Field(() => String, { nullable: true, description: 'For a write, what was recorded, e.g. "the street office recorded a visit"; for a verification, the claims and your answers, e.g. "civil affairs verified for the elderly preferential card (老年人优待卡): aged 60 or over: yes, alive: yes".' }) summary!: string | null;
  @Field(() => [ResidentVerifiedClaim], { nullable: false, description: 'For a verification (SERVICE_APPLICATION), each claim answered about you and the yes/no given (kept for you alone: the access log auditors read lists the claims, never the answers). Empty otherwise.' }) claims!: ResidentVerifiedClaim[];
}

@ObjectType({ simpleResolvers: true })
export class ResidentAccessEdge {
  @Field(() => String, { nullable: false }) cursor!: string;
  @Field(() => ResidentAccessEntry, { nullable: false }) node!: ResidentAccessEntry;
}

@ObjectType({ simpleResolvers: true, description: 'Your own access history, newest first.' })
export class ResidentAccessConnection {
  @Field(() => [ResidentAccessEdge], { nullable: false }) edges!: ResidentAccessEdge[];
  @Field(() => AccessLogPageInfo, { nullable: false }) pageInfo!: AccessLogPageInfo;
}
