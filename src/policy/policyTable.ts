import type { Purpose, Role } from '../auth/vocabulary';
import type { DepartmentPolicyRow } from '../departments/module';
import { departmentModules } from '../departments/registry';
import { Decision, Declaration, Owner } from './declaration';

/** One row of the policy table: for this role and purpose, facts of this owner get these decisions. */
export interface PolicyRow extends DepartmentPolicyRow {
  /** The department (module) whose facts the row opens: the table is keyed by department. */
  owner: Owner;
}

/**
 * THE policy table, keyed by department: (owning department, role, purpose, level) → ALLOW, MASK
 * or DENY. Each department module declares the rows for its own facts (`policy` in
 * src/departments/<name>/index.ts); there are no owner wildcards, so a row never opens a
 * department it does not name. Within a department the first matching row decides; no matching
 * row means DENY (deny by default) — a department with no rows at all is invisible to every role
 * (`departmentsWithoutPolicy`; the schema build logs it). A MASK on a field with no partial form
 * (mask NONE) is a DENY. Row scope (grids, own file) is applied separately in the department
 * queries (see policy/rowScopeFor.ts and sources/rowScope.ts). AUDITOR and ADMIN have no row: no resident fields at all.
 */
export function policyTable(): readonly PolicyRow[] {
  return departmentModules().flatMap((m) => m.policy.map((row) => ({ ...row, owner: m.name })));
}

/** The rows per owner, in table order (rebuilt when the registered modules change). */
let byOwner: { modules: unknown; rows: Map<Owner, readonly DepartmentPolicyRow[]> } | undefined;

function rowsOf(owner: Owner): readonly DepartmentPolicyRow[] {
  const modules = departmentModules();
  if (byOwner?.modules !== modules) byOwner = { modules, rows: new Map(modules.map((m) => [m.name, m.policy])) };
  return byOwner.rows.get(owner) ?? [];
}

/** Registered departments whose facts no row opens: DENY for every role. */
export function departmentsWithoutPolicy(): string[] {
  return departmentModules().filter((m) => m.policy.length === 0).map((m) => m.name);
}

const STRICTNESS: Record<Decision, number> = { ALLOW: 0, MASK: 1, DENY: 2 };

function tableDecision(role: Role, purpose: Purpose, owner: Owner, level: number): Decision {
  const row = rowsOf(owner).find((r) => r.role === role && (r.purposes === 'ANY' || r.purposes.includes(purpose)));
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
