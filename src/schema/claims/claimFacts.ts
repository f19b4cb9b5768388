import { Claim } from '../../claims/claim';
import { CLAIM_SOURCES, ClaimFacts, ClaimSource } from '../../claims/claimRules';
import type { PolicePersonRow } from '../../departments/police/policeRows';
import type { Context } from '../context';

/**
 * The department facts the asked claims read, through the request's batched loaders (the
 * departments' own readers, read-only): police identity comes from the row that found the person;
 * each other source is loaded only if an asked claim needs it, all at once.
 */
export async function claimFacts(ctx: Context, person: PolicePersonRow, claims: readonly Claim[]): Promise<ClaimFacts> {
  const needed = new Set<ClaimSource>(claims.map((c) => CLAIM_SOURCES[c]));
  const id = person.id_number;
  const [residence, death, disability, assistance] = await Promise.all([
    needed.has('residence') ? ctx.loaders.police.residenceByIdNumber.load(id) : undefined,
    needed.has('death') ? ctx.loaders.health.death.load(id) : undefined,
    needed.has('disability') ? ctx.loaders.civil.disability.load(id) : undefined,
    needed.has('assistance') ? ctx.loaders.civil.assistance.load(id) : undefined,
  ]);
  return {
    birthDate: person.birth_date,
    householdNo: person.household_no,
    residence,
    deathRegistered: death === undefined ? undefined : death !== null,
    disabilityCertified: disability === undefined ? undefined : disability !== null,
    assistance,
  };
}
