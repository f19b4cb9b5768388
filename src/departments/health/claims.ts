import { Claim, DepartmentClaim } from '../../claims/claimNames';

/**
 * Health: the yes/no claims it answers (issue 18; it owns each fact, 一数一源) — declared
 * like fields, the level being what the yes/no reveals (it handles no service item yet).
 * src/claims/claim.ts and serviceItem.ts read them from the registry.
 */
export const healthClaims: readonly DepartmentClaim[] = [
  {
    claim: Claim.ALIVE,
    field: 'alive',
    label: 'alive',
    level: 2,
    reads: 'health deaths (whether a death registration exists)',
    reason: 'whether a death is registered; the date, certificate and cause stay L2-L4',
  },
];
