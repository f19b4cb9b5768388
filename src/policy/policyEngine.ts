import { PURPOSES, Purpose, Role, ROLES } from '../auth/vocabulary';
import { Decision } from './declaration';
import { FieldDeclarations } from './declarations';
import { decide } from './policyTable';

/** Decisions for every declared field (`Type.field`) for one role and purpose. */
export type FieldDecisions = ReadonlyMap<string, Decision>;

/** Nothing is readable: the decisions of a request that has not passed the purpose check. */
export const NO_DECISIONS: FieldDecisions = new Map();

export interface PolicyEngine {
  declarations: FieldDeclarations;
  /** Decisions per field for this role and purpose; computed once per pair, then shared. */
  decisionsFor(role: Role, purpose: Purpose): FieldDecisions;
}

/**
 * Precomputes the policy table over the schema's declarations for every (role, purpose): the
 * per-request cost of authorization is then one map lookup per field, never a rule evaluation
 * per value.
 */
export function createPolicyEngine(declarations: FieldDeclarations): PolicyEngine {
  const table = new Map<string, FieldDecisions>();
  for (const role of ROLES) {
    for (const purpose of PURPOSES) {
      const decisions = new Map<string, Decision>();
      for (const [field, declaration] of declarations) decisions.set(field, decide(role, purpose, declaration));
      table.set(`${role}:${purpose}`, decisions);
    }
  }
  return {
    declarations,
    decisionsFor: (role, purpose) => table.get(`${role}:${purpose}`) ?? NO_DECISIONS,
  };
}
