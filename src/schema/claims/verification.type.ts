import { Field, ID, ObjectType } from 'type-graphql';
import { Claim, CLAIM_CATALOG, claimPolicy } from '../../claims/claim';
import { AppError } from '../../errors';
import { Policy, ResidentData, Structural } from '../../policy/policy.decorators';

function about(claim: Claim): string {
  const d = CLAIM_CATALOG[claim];
  return `${d.label} (${claim}): reads ${d.reads}. Declared ${d.declaration.owner} L${d.declaration.level}: ${d.reason}. Null with CLAIM_NOT_REQUESTED when \`verify\` did not ask it.`;
}

/**
 * The answers of one verification, one declared field per claim (its declaration from the claim
 * catalogue), so the policy table decides each like any field. A claim the call did not ask is
 * not answered: its field fails with CLAIM_NOT_REQUESTED (recorded as not disclosed).
 */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'Yes/no answers to the claims a `verify` call asked, never the values behind them.' })
export class ClaimAnswers {
  constructor(
    /** Hub id of the resident the answers are about (the access log records them as disclosures about them). */
    readonly subjectId: string,
    private readonly answers: ReadonlyMap<Claim, boolean>,
  ) {}

  private answer(claim: Claim): boolean | Promise<boolean> {
    const value = this.answers.get(claim);
    if (value !== undefined) return value;
    return Promise.reject(new AppError('CLAIM_NOT_REQUESTED', `${claim} was not asked in this verify call; add it to \`claims\`.`, { claim }));
  }

  @Policy(...claimPolicy(Claim.AGED_60_OR_OVER))
  @Field(() => Boolean, { nullable: true, description: about(Claim.AGED_60_OR_OVER) })
  get agedSixtyOrOver() {
    return this.answer(Claim.AGED_60_OR_OVER);
  }

  @Policy(...claimPolicy(Claim.ALIVE))
  @Field(() => Boolean, { nullable: true, description: about(Claim.ALIVE) })
  get alive() {
    return this.answer(Claim.ALIVE);
  }

  @Policy(...claimPolicy(Claim.REGISTERED_IN_DISTRICT))
  @Field(() => Boolean, { nullable: true, description: about(Claim.REGISTERED_IN_DISTRICT) })
  get registeredInDistrict() {
    return this.answer(Claim.REGISTERED_IN_DISTRICT);
  }

  @Policy(...claimPolicy(Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS))
  @Field(() => Boolean, { nullable: true, description: about(Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS) })
  get residencePermitActiveSixMonths() {
    return this.answer(Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS);
  }

  @Policy(...claimPolicy(Claim.DISABILITY_CERTIFIED))
  @Field(() => Boolean, { nullable: true, description: about(Claim.DISABILITY_CERTIFIED) })
  get disabilityCertified() {
    return this.answer(Claim.DISABILITY_CERTIFIED);
  }

  @Policy(...claimPolicy(Claim.LOW_INCOME_ASSISTANCE_ACTIVE))
  @Field(() => Boolean, { nullable: true, description: about(Claim.LOW_INCOME_ASSISTANCE_ACTIVE) })
  get lowIncomeAssistanceActive() {
    return this.answer(Claim.LOW_INCOME_ASSISTANCE_ACTIVE);
  }
}

/** One verification: the answers, and the signed statement a case file keeps instead of paper. */
@ResidentData('PER_SUBJECT')
@ObjectType({ simpleResolvers: true, description: 'A verification for a service item (免提交): yes/no answers and a signed statement of them; no value behind any answer.' })
export class ClaimVerification {
  constructor(
    readonly subjectId: string,
    serviceItem: string,
    answers: ClaimAnswers,
    statement: string,
    keyId: string,
  ) {
    this.serviceItem = serviceItem;
    this.answers = answers;
    this.statement = statement;
    this.keyId = keyId;
  }

  @Policy('hub', 1)
  @Field(() => ID, { nullable: true, description: 'The resident\'s opaque hub id (for the case file; never the ID number).' })
  get residentId(): string {
    return this.subjectId;
  }

  @Structural('the service item the caller declared: a code of the service-item catalogue')
  @Field(() => String, { nullable: false })
  readonly serviceItem: string;

  @Policy('hub', 1)
  @Field(() => ClaimAnswers, { nullable: true, description: 'One yes/no per claim asked.' })
  readonly answers: ClaimAnswers;

  @Policy('hub', 1)
  @Field(() => String, {
    nullable: true,
    description: 'Compact JWS (EdDSA) of the claims, answers, answering departments, service item, time, key id and the resident\'s hub id — no values. Check it offline with `npm run verify:statement` and the key set at /.well-known/claims-jwks.json.',
  })
  readonly statement: string;

  @Structural('the id of the hub\'s published statement key (not resident data)')
  @Field(() => String, { nullable: false, description: 'The `kid` of the statement\'s signing key in the published key set.' })
  readonly keyId: string;
}
