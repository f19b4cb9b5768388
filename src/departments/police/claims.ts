import { Claim, CLAIM_ELDERLY_AGE, DepartmentClaim, DepartmentServiceItem, PERMIT_MONTHS } from '../../claims/claimNames';

/**
 * Police: the yes/no claims it answers (issue 18; it owns each fact, 一数一源) — declared
 * like fields, the level being what the yes/no reveals — and the service items it handles.
 * src/claims/claim.ts and serviceItem.ts read them from the registry.
 */
export const policeClaims: readonly DepartmentClaim[] = [
  {
    claim: Claim.AGED_60_OR_OVER,
    field: 'agedSixtyOrOver',
    label: `aged ${CLAIM_ELDERLY_AGE} or over`,
    level: 1,
    reads: 'police persons.birth_date (reckoned on the request\'s age day)',
    reason: 'the same fact as the age band (police L1); the birth date and the age stay L2',
  },
  {
    claim: Claim.REGISTERED_IN_DISTRICT,
    field: 'registeredInDistrict',
    label: 'registered (户籍) in this district',
    level: 2,
    reads: 'police persons.household_no (a 户籍 household held by this district\'s police)',
    reason: 'the negation of Person.isFloatingPopulation (police L2); the household number and address stay hidden',
  },
  {
    claim: Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS,
    field: 'residencePermitActiveSixMonths',
    label: `residence permit active for ${PERMIT_MONTHS} months`,
    level: 2,
    reads: 'police residence_registrations (ACTIVE, with a permit number, registered at least 6 months ago, not expired)',
    reason: 'a residence registration is police L2; the permit number and dates stay hidden',
  },
];

/** The service items police handles: each takes these claims instead of documents (minimum necessity). */
export const policeServiceItems: readonly DepartmentServiceItem[] = [
  {
    name: 'RESIDENCE_PERMIT_RENEWAL',
    label: 'a residence permit renewal (居住证续签)',
    claims: [Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS, Claim.REGISTERED_IN_DISTRICT, Claim.ALIVE],
    replaces: '6 documents (permit, tenancy, employment or study proof, ...)',
  },
];
