import type { Purpose, Role } from '../auth/vocabulary';
import { Decision, Declaration, Owner } from './declaration';

const A: Decision = 'ALLOW';
const M: Decision = 'MASK';
const D: Decision = 'DENY';

/** Decisions for levels 1, 2, 3 and 4. */
type ByLevel = readonly [Decision, Decision, Decision, Decision];

/** One row of the policy table: for this role and purpose, facts of these owners get these decisions. */
export interface PolicyRow {
  role: Role;
  purposes: readonly Purpose[] | 'ANY';
  owners: readonly Owner[] | 'ANY';
  levels: ByLevel;
  /** Why the row exists, for reviewers; printed in docs/access-matrix.md. */
  reason: string;
}

/**
 * THE policy table: (role, purpose, owning department, level) → ALLOW, MASK or DENY.
 * The first matching row decides; no matching row means DENY (deny by default). A MASK on a field
 * with no partial form (mask NONE) is a DENY. Row scope (grids, own file) is applied separately in
 * the department queries (see policy/rowScopeFor.ts and sources/rowScope.ts).
 */
export const POLICY_TABLE: readonly PolicyRow[] = [
  // Confirming an ID card the resident hands over (a look-up by that number only, see
  // LOOKUP_ONLY_PURPOSES): the identity facts printed on the card, nothing of other departments.
  { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], owners: ['police', 'hub'], levels: [A, A, A, D], reason: 'ID verification at a service counter: the card\'s own facts' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['ID_VERIFICATION'], owners: ['police'], levels: [A, A, A, D], reason: 'ID verification at a service counter: the card\'s own facts' },
  { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], owners: 'ANY', levels: [D, D, D, D], reason: 'ID verification: nothing beyond the card' },

  // Department officers: their own department's facts at every level, whatever the purpose.
  { role: 'POLICE_OFFICER', purposes: 'ANY', owners: ['police', 'hub'], levels: [A, A, A, A], reason: 'own department' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purposes: 'ANY', owners: ['civil', 'hub'], levels: [A, A, A, A], reason: 'own department' },
  { role: 'HEALTH_WORKER', purposes: 'ANY', owners: ['health', 'hub'], levels: [A, A, A, A], reason: 'own department' },

  // Other departments' facts, narrowed by the declared purpose.
  { role: 'POLICE_OFFICER', purposes: ['CASE_INVESTIGATION'], owners: ['civil'], levels: [A, A, A, D], reason: 'investigation: civil status, no minors\' special status' },
  { role: 'POLICE_OFFICER', purposes: ['CASE_INVESTIGATION'], owners: ['health'], levels: [A, A, M, D], reason: 'investigation: no diagnoses' },
  { role: 'POLICE_OFFICER', purposes: ['EMERGENCY'], owners: ['health'], levels: [A, A, A, A], reason: 'emergency: conditions may save a life' },
  { role: 'POLICE_OFFICER', purposes: ['EMERGENCY'], owners: ['civil'], levels: [A, A, A, D], reason: 'emergency: care level, living alone' },

  { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SUBSIDY_REVIEW'], owners: ['police', 'health'], levels: [A, A, A, D], reason: 'subsidy review: household composition, death date; no diagnoses or flags' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['HOME_VISIT'], owners: ['police', 'health'], levels: [A, A, M, D], reason: 'home visit: who lives there' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['EMERGENCY'], owners: ['police', 'health'], levels: [A, A, A, D], reason: 'emergency relief' },

  { role: 'HEALTH_WORKER', purposes: ['HEALTH_FOLLOW_UP'], owners: ['police'], levels: [A, M, M, D], reason: 'follow-up: confirm identity from partial police data; contact details come from health\'s own records' },
  { role: 'HEALTH_WORKER', purposes: ['HEALTH_FOLLOW_UP'], owners: ['civil'], levels: [A, A, A, D], reason: 'follow-up: disability, care level' },
  { role: 'HEALTH_WORKER', purposes: ['EMERGENCY'], owners: ['police', 'civil'], levels: [A, A, A, D], reason: 'emergency care' },

  // Street and grid staff: their grids only (row scope), basic and personal facts, sensitive masked.
  { role: 'STREET_STAFF', purposes: 'ANY', owners: 'ANY', levels: [A, A, M, D], reason: 'grid work: own grids, ≤L2, L3 masked, L4 denied' },

  // Residents: their own file (row scope); police flags stay covert.
  { role: 'RESIDENT', purposes: ['SELF_SERVICE'], owners: ['police'], levels: [A, A, A, D], reason: 'own file; police flags are covert' },
  { role: 'RESIDENT', purposes: ['SELF_SERVICE'], owners: ['civil', 'health', 'hub'], levels: [A, A, A, A], reason: 'own file' },

  // AUDITOR and ADMIN have no row: no resident fields at all.
];

function matches(row: PolicyRow, role: Role, purpose: Purpose, owner: Owner): boolean {
  return (
    row.role === role &&
    (row.purposes === 'ANY' || row.purposes.includes(purpose)) &&
    (row.owners === 'ANY' || row.owners.includes(owner))
  );
}

const STRICTNESS: Record<Decision, number> = { ALLOW: 0, MASK: 1, DENY: 2 };

function tableDecision(role: Role, purpose: Purpose, owner: Owner, level: number): Decision {
  const row = POLICY_TABLE.find((r) => matches(r, role, purpose, owner));
  return row ? row.levels[level - 1] : 'DENY';
}

/**
 * The decision for one declared field, for a role acting under a purpose. Pure and total. A field
 * that embeds another fact (`alsoReveals`) gets the stricter of the two decisions.
 */
export function decide(role: Role, purpose: Purpose, declaration: Declaration): Decision {
  let decision = tableDecision(role, purpose, declaration.owner, declaration.level);
  if (declaration.alsoReveals) {
    const embedded = tableDecision(role, purpose, declaration.alsoReveals.owner, declaration.alsoReveals.level);
    if (STRICTNESS[embedded] > STRICTNESS[decision]) decision = embedded;
  }
  return decision === 'MASK' && declaration.mask === 'NONE' ? 'DENY' : decision;
}
