import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A checkpoint the signer wrote: the chain head it signed, when, with which key.' })
export class SignedCheckpointEntry {
  @Field(() => ID, { nullable: false, description: 'The record the checkpoint was signed over.' }) seq!: string;
  @Field(() => String, { nullable: false }) hash!: string;
  @Field(() => DateTimeISOResolver, { nullable: false }) signedAt!: Date;
  @Field(() => String, { nullable: false }) keyId!: string;
}

@ObjectType({ description: 'One verification of the access log: what `npm run audit:verify` checks, run from the console.' })
export class AccessLogVerification {
  @Field(() => DateTimeISOResolver, { nullable: false }) ranAt!: Date;
  @Field(() => String, { nullable: false, description: 'Token subject of the auditor who ran it.' }) subject!: string;
  @Field(() => String, { nullable: false, description: 'INTACT, BROKEN (see brokenSeq) or CANNOT_RUN (no or wrong verification key, unreadable witness).' }) status!: string;
  @Field(() => Int, { nullable: false, description: 'Records checked.' }) records!: number;
  @Field(() => ID, { nullable: false, description: 'Last record checked.' }) lastSeq!: string;
  @Field(() => Int, { nullable: false, description: 'Signed checkpoints in the hub database.' }) checkpoints!: number;
  @Field(() => Int, { nullable: false, description: 'Signed checkpoints held by the witnesses.' }) witnessed!: number;
  @Field(() => ID, { nullable: true, description: 'The first record found missing or altered.' }) brokenSeq!: string | null;
  @Field(() => String, { nullable: false, description: 'What audit:verify prints for this result.' }) message!: string;
}

@ObjectType({ description: "The access log's hash chain: its head, its last signed checkpoint, its last verification." })
export class AccessLogChain {
  @Field(() => ID, { nullable: false, description: 'The last record of the log (0: empty).' }) headSeq!: string;
  @Field(() => String, { nullable: true }) headHash!: string | null;
  @Field(() => SignedCheckpointEntry, { nullable: true, description: 'Null until the signer wrote one.' }) lastCheckpoint!: SignedCheckpointEntry | null;
  @Field(() => AccessLogVerification, { nullable: true, description: 'Null until one was run from the console.' }) lastVerification!: AccessLogVerification | null;
}
