import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { departmentModules } from '../../departments/registry';

/** The departments a principal may work for (modules that claim roles), as prose: `police, civil or health`. */
const PRINCIPAL_DEPARTMENTS = departmentModules().filter((m) => (m.roles ?? []).length > 0).map((m) => m.name).join(', ').replace(/, ([^,]*)$/, ' or $1');

@InputType({ description: 'Filters for the access log; all optional and combined with AND.' })
export class AccessLogFilterInput {
  @Field(() => String, { nullable: true }) subject?: string;
  @Field(() => String, { nullable: true }) role?: string;
  @Field(() => ID, { nullable: true, description: 'Hub id of a person whose data was disclosed.' }) residentId?: string;
  @Field(() => String, { nullable: true, description: `The principal's department: ${PRINCIPAL_DEPARTMENTS}.` }) department?: string;
  @Field(() => String, { nullable: true }) purpose?: string;
  @Field(() => String, { nullable: true, description: 'Records containing at least one field with this decision: ALLOW, MASK, DENY or FAILED (its source failed).' }) decision?: string;
  @Field(() => String, { nullable: true }) operationName?: string;
  @Field(() => String, { nullable: true }) outcome?: string;
  @Field(() => DateTimeISOResolver, { nullable: true }) from?: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) to?: Date;
}
