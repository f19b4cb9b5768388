import { Claim, DepartmentClaim, DepartmentServiceItem } from '../../claims/claimNames';

/**
 * Civil affairs: the yes/no claims it answers (issue 18; it owns each fact, 一数一源) — declared
 * like fields, the level being what the yes/no reveals — and the service items it handles.
 * src/claims/claim.ts and serviceItem.ts read them from the registry.
 */
export const civilClaims: readonly DepartmentClaim[] = [
  {
    claim: Claim.DISABILITY_CERTIFIED,
    field: 'disabilityCertified',
    label: 'disability certified',
    level: 2,
    reads: 'civil affairs disabilities (whether a certificate exists)',
    reason: 'the same fact as the DISABLED service tag (civil L2); category and grade stay L3',
  },
  {
    claim: Claim.LOW_INCOME_ASSISTANCE_ACTIVE,
    field: 'lowIncomeAssistanceActive',
    label: 'low-income assistance active',
    level: 2,
    reads: 'civil affairs assistance (an ACTIVE MINIMUM_LIVING or EXTREME_POVERTY payment)',
    reason: 'the same fact as the LOW_INCOME service tag (civil L2: recipients are publicly posted); kind and amounts stay L3',
  },
];

/** The service items civil affairs handles: each takes these claims instead of documents (minimum necessity). */
export const civilServiceItems: readonly DepartmentServiceItem[] = [
  {
    name: 'ELDERLY_PREFERENTIAL_CARD',
    label: 'the elderly preferential card (老年人优待卡)',
    claims: [Claim.AGED_60_OR_OVER, Claim.ALIVE, Claim.REGISTERED_IN_DISTRICT, Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS],
    replaces: '3 trips to civil affairs, health and police, 5 forms (ID card copy, 户口簿, residence permit, proof of life)',
  },
  {
    name: 'LOW_INCOME_APPLICATION',
    label: 'a low-income assistance application (低保申请)',
    claims: [Claim.REGISTERED_IN_DISTRICT, Claim.ALIVE, Claim.DISABILITY_CERTIFIED, Claim.LOW_INCOME_ASSISTANCE_ACTIVE],
    replaces: 'household register and disability certificate copies',
  },
];
