import type { Declaration, Level, Owner } from '../policy/declaration';
import { departmentModules } from '../departments/registry';
import { Claim, CLAIMS } from './claimNames';

export { Claim, CLAIMS, CLAIM_ELDERLY_AGE, PERMIT_MONTHS } from './claimNames';

/**
 * Named yes/no claims about one resident (免提交, issue 18): what a service counter needs to know
 * instead of a document, answered from the departments' live records, never with the values
 * behind them. Each department module declares the claims it answers (`claims`, in
 * src/departments/<name>/claims.ts); this file reads them from the registry.
 */
/**
 * One claim, declared like a field: the department that answers it (一数一源), the level of what
 * the yes/no reveals, and what it reads. The same declaration is placed with `@Policy` on the
 * claim's field of `ClaimAnswers`, so the one policy table decides who may ask it and the access
 * matrix lists it (docs/access-matrix.md).
 */
export interface ClaimDefinition {
  claim: Claim;
  /** Field name on `ClaimAnswers` (and the access record's `ClaimAnswers.<field>`). */
  field: string;
  /** In the resident's words, for their access history: "aged 60 or over". */
  label: string;
  declaration: Declaration;
  /** The department records the answer is computed from. */
  reads: string;
  /** Why the declared level is right, for reviewers. */
  reason: string;
}

/** Every claim's definition, from the modules that declare them; each claim exactly once. */
function catalogue(): Record<Claim, ClaimDefinition> {
  const found = new Map<Claim, ClaimDefinition>();
  for (const m of departmentModules()) {
    for (const c of m.claims ?? []) {
      if (found.has(c.claim)) throw new Error(`claim ${c.claim} is declared by two modules`);
      found.set(c.claim, { claim: c.claim, field: c.field, label: c.label, declaration: { owner: m.name, level: c.level, mask: 'NONE' }, reads: c.reads, reason: c.reason });
    }
  }
  const missing = CLAIMS.filter((c) => !found.has(c));
  if (missing.length) throw new Error(`no department module declares claim(s) ${missing.join(', ')}`);
  // In the order of the Claim vocabulary (the schema's and the resident's).
  return Object.fromEntries(CLAIMS.map((c) => [c, found.get(c)!])) as Record<Claim, ClaimDefinition>;
}

export const CLAIM_CATALOG: Readonly<Record<Claim, ClaimDefinition>> = catalogue();

/** The `@Policy` arguments of a claim's field: its declaration, spread. */
export function claimPolicy(claim: Claim): [Owner, Level] {
  const d = CLAIM_CATALOG[claim].declaration;
  return [d.owner, d.level];
}

/** The declared field key of a claim, as the policy engine and the access record name it. */
export function claimKey(claim: Claim): string {
  return `ClaimAnswers.${CLAIM_CATALOG[claim].field}`;
}
