import { Claim } from '../../claims/claim';
import { CLAIM_SOURCES, ClaimFacts, ClaimSource } from '../../claims/claimRules';
import type { SpinePersonRow } from '../../departments/identity';
import { departmentModules } from '../../departments/registry';
import { departmentLoaders } from '../../sources/loaders';
import type { Context } from '../context';

/**
 * The department facts the asked claims read, through the request's batched loaders (the
 * departments' own readers, read-only): identity comes from the spine's row that found the person;
 * each module that owns a source an asked claim needs loads it (its parts' `claimFacts`), all at once.
 */
export async function claimFacts(ctx: Context, person: SpinePersonRow, claims: readonly Claim[]): Promise<ClaimFacts> {
  const needed = new Set<ClaimSource>(claims.map((c) => CLAIM_SOURCES[c]));
  const parts = await Promise.all(departmentModules().map((m) => m.parts().claimFacts?.(departmentLoaders(ctx.loaders, m), person.id_number, needed) ?? {}));
  return Object.assign({ birthDate: person.birth_date, householdNo: person.household_no }, ...parts);
}
