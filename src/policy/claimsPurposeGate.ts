import { CLAIMS_ONLY_PURPOSES, Purpose } from '../auth/vocabulary';
import { RefusedError } from '../errors';

/** The root field that answers claims (issue 18): the only one a claims-only purpose reaches. */
export const CLAIMS_ROOT_FIELD = 'verify';

/**
 * Keeps claims apart from files, before anything is read: under a claims-only purpose
 * (SERVICE_APPLICATION) the operation may select no resident-data root but `verify` — so the
 * purpose's policy rows, which open the levels its claims and its look-up by ID number need,
 * never open a person file, a search or a household — and `verify` runs under no other purpose.
 * Throws PURPOSE_NOT_APPLICABLE (403) otherwise.
 */
export function checkClaimsPurpose(purpose: Purpose, residentRoots: readonly string[]): void {
  const claimsOnly = CLAIMS_ONLY_PURPOSES.has(purpose);
  const asksClaims = residentRoots.includes(CLAIMS_ROOT_FIELD);
  if (claimsOnly && residentRoots.some((f) => f !== CLAIMS_ROOT_FIELD)) {
    throw new RefusedError('PURPOSE_NOT_APPLICABLE', `${purpose} answers \`${CLAIMS_ROOT_FIELD}\` only: yes/no claims for a service item, never a file or a search.`, 403);
  }
  if (asksClaims && !claimsOnly) {
    throw new RefusedError('PURPOSE_NOT_APPLICABLE', `\`${CLAIMS_ROOT_FIELD}\` answers claims for a service application only: declare x-purpose SERVICE_APPLICATION.`, 403);
  }
}
