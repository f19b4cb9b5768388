import { departmentModules } from '../departments/registry';
import type { CheckRule } from './checkRule';

export type { CheckRule } from './checkRule';

/**
 * The catalogue of cross-department checks (issue 18), declared like the policy table, by the
 * department modules (each declares the rules it must act on; this file only reads the registry):
 * each rule names the departments whose databases it reads, the department that must act on a
 * finding (the owner of the fact 一数一源 says is right, or the one whose record disagrees with
 * it), the level of what a finding reveals about its subject, what the owner is shown, and why the
 * rule exists. `docs/checks.md` is generated from this table (`npm run checks:doc`); a test keeps it
 * in step and checks every department named here against the registry.
 *
 * A finding stores its rule, owner, subject and when it was seen — never a department's values.
 * Its subject is the hub person id of the resident concerned; where the hub has no person for
 * the case (civil affairs pays an ID number police do not know) it is the owner's own record key,
 * which only the owner can read back (`subject: 'OWNER_RECORD'`).
 */
/**
 * The declared rules: each department module's `checkRules` (src/departments/<name>/checkRules.ts),
 * owned by the module that declares them, in registry order (the order of docs/checks.md).
 */
export const CHECK_RULES: readonly CheckRule[] = departmentModules().flatMap((m) => (m.checkRules ?? []).map((rule) => ({ ...rule, owner: m.name })));

/** The rule with this id, if declared. */
export function checkRule(id: string): CheckRule | undefined {
  return CHECK_RULES.find((r) => r.id === id);
}

/** The departments that own at least one rule (their officers may read findings). */
export function ruleOwners(): string[] {
  return [...new Set(CHECK_RULES.map((r) => r.owner))].sort();
}
