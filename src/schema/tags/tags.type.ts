import { ObjectType } from 'type-graphql';
import { ResidentData } from '../../policy/policy.decorators';

/**
 * A person's service tags. Each field is declared (in tags.resolver.ts) with its tag's declaration
 * from the tag catalog, so each tag is allowed or denied on its own, like any other field.
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Service tags (服务标签) of a person: yes or no per tag, without the detail behind it. A tag the caller may not see is null with FIELD_DENIED.' })
export class PersonTags {
  constructor(
    /** Hub id of the person (the access log records tags as disclosures about them). */
    readonly subjectId: string,
    readonly idNumber: string,
    readonly birthDate: string,
    readonly householdNo: string | null,
  ) {}
}

/** A household's service tags: a tag is true when at least one registered member carries it. */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Service tags of a household: true when at least one registered member carries the tag.' })
export class HouseholdTags {
  constructor(
    /** Hub id of the household. */
    readonly subjectId: string,
    readonly householdNo: string,
  ) {}
}
