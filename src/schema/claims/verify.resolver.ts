import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CLAIM_CATALOG, claimKey } from '../../claims/claim';
import { Claim } from './claim.enum';
import { answerClaim } from '../../claims/claimRules';
import { serviceItemNamed } from '../../claims/serviceItem';
import { signStatement } from '../../claims/statement';
import { statementKeys } from '../../claims/statementKeys';
import { AppError, BadInputError, RefusedError } from '../../errors';
import { todayInChina } from '../../identity/age';
import { validateIdNumber } from '../../identity/idNumber';
import { ageDayFor } from '../../policy/ageDay';
import { CLAIMS_ONLY_PURPOSES } from '../../auth/vocabulary';
import type { Context } from '../context';
import { parseHubId } from '../ids';
import type { SpinePerson } from '../../departments/identity';
import { identitySpine } from '../../departments/spine';
import { recordClaimAnswers, recordMisses } from '../../policy/disclosureLog';
import { claimFacts } from './claimFacts';
import { ClaimAnswers, ClaimVerification } from './verification.type';

/**
 * Checks a verify call's service item and claims against the catalogue and the policy, before any
 * read: a known service item, each claim once, each declared by the item (minimum necessity) and
 * ALLOWed to the caller for the declared purpose (the claim's field decision). Returns the item.
 */
function checkRequest(ctx: Context, serviceItem: string, claims: readonly Claim[]) {
  if (ctx.access.purpose === null || !CLAIMS_ONLY_PURPOSES.has(ctx.access.purpose)) {
    throw new RefusedError('PURPOSE_NOT_APPLICABLE', '`verify` answers claims for a service application only: declare x-purpose SERVICE_APPLICATION.', 403);
  }
  const item = serviceItemNamed(serviceItem);
  if (!item) throw new AppError('UNKNOWN_SERVICE_ITEM', 'No such service item.');
  ctx.audit.serviceItem = item.name;
  if (claims.length === 0 || new Set(claims).size !== claims.length) throw new AppError('CLAIMS_REQUIRED', 'Ask each claim the service item needs once.');
  for (const claim of claims) {
    if (!item.claims.includes(claim)) throw new AppError('CLAIM_NOT_IN_SERVICE_ITEM', `${item.name} does not need ${claim}.`, { claim });
    if (ctx.access.decisions.get(claimKey(claim)) !== 'ALLOW') throw new AppError('CLAIM_NOT_PERMITTED', `Your role may not ask ${claim} for the declared purpose.`, { claim });
  }
  return item;
}

/** The resident named by exactly one of a hub id and an ID number, within the caller's reach; else RESIDENT_NOT_FOUND. */
async function residentOf(ctx: Context, residentId: string | null | undefined, idNumber: string | null | undefined): Promise<SpinePerson> {
  if ((residentId == null) === (idNumber == null)) throw new AppError('RESIDENT_REQUIRED', 'Name the resident by exactly one of residentId and idNumber.');
  let person: SpinePerson | null;
  if (idNumber != null) {
    const checked = validateIdNumber(idNumber);
    if (!checked.ok) throw new BadInputError('INVALID_ID_NUMBER', 'The ID number is not valid (length, birth date or check character).', { argument: 'idNumber', problem: checked.problem });
    person = await identitySpine().personByIdNumber(ctx, checked.idNumber);
  } else {
    person = await identitySpine().personByHubId(ctx, parseHubId(residentId!, 'person'));
  }
  const [found] = recordMisses(ctx.audit, [person]);
  if (!found) throw new AppError('RESIDENT_NOT_FOUND', 'No such resident within your reach.');
  return found;
}

@Resolver(() => ClaimVerification)
export class VerifyResolver {
  @Query(() => ClaimVerification, {
    nullable: true,
    description: 'Claims instead of documents (免提交): yes/no answers to the claims a service item declares, for one resident (by hub id, or by the ID number handed over where the purpose lets the caller read it), with a signed statement. SERVICE_APPLICATION only; no value behind an answer is returned.',
  })
  async verify(
    @Arg('serviceItem', () => String, { nullable: false, description: 'A service item code (README "Claims instead of documents").' }) serviceItem: string,
    @Arg('claims', () => [Claim], { nullable: false }) claims: Claim[],
    @Arg('residentId', () => ID, { nullable: true }) residentId: string | null | undefined,
    @Arg('idNumber', () => String, { nullable: true }) idNumber: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ClaimVerification> {
    const item = checkRequest(ctx, serviceItem, claims);
    const [person, keys] = await Promise.all([residentOf(ctx, residentId, idNumber), statementKeys()]);
    const facts = await claimFacts(ctx, person.identity, claims);
    const today = todayInChina();
    const ageDay = ageDayFor(ctx.access, today);
    const answers = new Map(claims.map((c) => [c, answerClaim(c, facts, ageDay, today)] as const));
    recordClaimAnswers(ctx.audit, person, claims.map(claimKey));
    // Kept beside the access record for the resident's own history (one entry per resident, however many aliases asked).
    const kept = (ctx.audit.claimAnswers ??= []);
    const mine = kept.find((k) => k.resident === person.subjectId);
    if (mine) Object.assign(mine.answers, Object.fromEntries(answers));
    else kept.push({ resident: person.subjectId, answers: Object.fromEntries(answers) });
    const statement = await signStatement(keys, {
      sub: person.subjectId,
      jti: ctx.requestId,
      serviceItem: item.name,
      answers: Object.fromEntries(answers),
      sources: Object.fromEntries(claims.map((c) => [c, CLAIM_CATALOG[c].declaration.owner])),
      verifier: { role: ctx.access.principal.role, department: ctx.access.principal.department },
    });
    return new ClaimVerification(person.subjectId, item.name, new ClaimAnswers(person.subjectId, answers), statement, keys.keyId);
  }
}
