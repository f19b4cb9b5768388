import { getNamedType, GraphQLSchema, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { CLAIMS_ONLY_PURPOSES, Department, LOOKUP_ONLY_PURPOSES, Purpose, Role, roleDepartment, ROLE_PURPOSES, ROLES } from '../auth/vocabulary';
import type { Decision, Declaration, Mask } from './declaration';
import { FieldDeclarations, returnsResidentData } from './declarations';
import { decide } from './policyTable';
import { departmentNamed } from '../departments/registry';
import { candidatesOf, idShown, knowledge, Readable } from './candidateCounts';
import { type DisclosureFinding, RecoverableValueError } from './recoverableValue';
import { VALUE_FORMATS, ValueFormatName } from './valueFormats';

/**
 * Decides disclosure on what a caller can derive, not only on what each field shows: for every
 * role and purpose, and for every role across all its purposes (one principal, several requests),
 * the candidates left of each masked or denied identifier given everything the same caller may
 * read — through any path from a resident-data root, since decisions are per field whatever the
 * path — and a refusal when a count falls under its format's threshold (policy/valueFormats.ts).
 *
 * What counts: an identifier's own masked form (which parts it shows); facts other readable
 * fields reveal (`reveals`: a birth date exactly, an age or age band to 366 dates over the years, the
 * sex to the parity of the ID sequence, a certificate's category and grade digits); identifiers
 * that embed others (a disability certificate carries the ID number). A mask not known to hide a
 * fact counts as showing it. Facts a department's own records reveal are not counted against a
 * value that department keys those records by (its module's `keyedByIdNumber`).
 */

/**
 * Whether the department keys its own records by the ID number (it holds that number already, next
 * to those records): what its own records reveal about it is then not counted against the hub's
 * mask for its roles.
 */
function holdsIdNumbers(department: Department | null): boolean {
  return department !== null && departmentNamed(department)?.keyedByIdNumber === true;
}

type DecideFn = (role: Role, purpose: Purpose, declaration: Declaration) => Decision;

export type { DisclosureFinding } from './recoverableValue';
export { RecoverableValueError } from './recoverableValue';

/**
 * The declared fields one caller can reach from the resident-data roots: a denied field stops the
 * walk (its value and everything under it stays unread); structural fields pass through.
 */
function readableFields(schema: GraphQLSchema, declarations: FieldDeclarations, decisionOf: (field: string) => Decision): Readable {
  const readable: Readable = new Map();
  const seen = new Set<string>();
  const visit = (typeName: string): void => {
    const type = schema.getType(typeName);
    const objects = isObjectType(type) ? [type] : isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type) : [];
    for (const object of objects) {
      if (seen.has(object.name)) continue;
      seen.add(object.name);
      for (const field of Object.values(object.getFields())) {
        const key = `${object.name}.${field.name}`;
        if (declarations.has(key)) {
          const decision = decisionOf(key);
          if (decision === 'DENY') continue;
          readable.set(key, decision);
        }
        visit(getNamedType(field.type).name);
      }
    }
  };
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const type = getNamedType(field.type);
    if (returnsResidentData(schema, type)) visit(type.name);
  }
  return readable;
}

/** One identifier not seen in full, and the candidates left of it. */
interface Count {
  field: string;
  format: ValueFormatName;
  decision: Decision;
  candidates: number;
  /** What is left with nothing read at all: a count is a finding only below it too. */
  baseline: number;
  from: string[];
}

/**
 * The candidates left of each target identifier the caller does not read in full, from what
 * `readable` shows (the caller's own department's records left out of the ID number's count for
 * a department that keys them by it: `keyedByIdNumber`). The one count behind both the refusal and the docs.
 */
function countAll(role: Role, readable: Readable, declarations: FieldDeclarations, targets: Iterable<[string, Decision]>): Count[] {
  const department = roleDepartment(role);
  const k = knowledge(readable, declarations, department, false);
  const idHeld = holdsIdNumbers(department);
  const kId = idHeld ? knowledge(readable, declarations, department, true) : k;
  const nothing = knowledge(new Map(), declarations, department, false);
  const counts: Count[] = [];
  for (const [field, decision] of targets) {
    const name = declarations.get(field)?.value;
    if (!name || decision === 'ALLOW') continue;
    // A certificate embedding an ID number the caller may read in full keeps only its category and
    // grade digits from them: facts with decisions of their own (Disability.category, .grade).
    if (VALUE_FORMATS[name].kind === 'ID_CERTIFICATE' && idShown(k).shown.full) continue;
    const { candidates, from } = candidatesOf(name, k, kId);
    counts.push({ field, format: name, decision, candidates, baseline: candidatesOf(name, nothing, nothing).candidates, from: [...new Set(from)].filter((f) => f !== field) });
  }
  return counts;
}

function check(role: Role, purpose: string, readable: Readable, declarations: FieldDeclarations, targets: Iterable<[string, Decision]>): DisclosureFinding[] {
  return countAll(role, readable, declarations, targets)
    .filter((c) => c.candidates < VALUE_FORMATS[c.format].threshold && c.candidates < c.baseline)
    .map((c) => ({ role, purpose, field: c.field, format: c.format, decision: c.decision, candidates: c.candidates, threshold: VALUE_FORMATS[c.format].threshold, from: c.from }));
}

/**
 * Every masked or denied identifier that a role can narrow below its format's threshold, for each
 * purpose alone and across all the role's purposes (values the role may read in full under one of
 * its purposes are a purpose limitation, not a secret, and are not counted across purposes).
 */
export function findRecoverableValues(schema: GraphQLSchema, declarations: FieldDeclarations, decideFn: DecideFn = decide): DisclosureFinding[] {
  const findings: DisclosureFinding[] = [];
  const identifiers = [...declarations.entries()].filter(([, d]) => d.value !== undefined).map(([field]) => field);
  for (const role of ROLES) {
    const purposes = ROLE_PURPOSES[role];
    // A look-up-only purpose (ID_VERIFICATION) shows the file of a resident whose ID number the caller
    // typed in: what it shows is about a number already known, so it joins neither the union nor
    // the values the role may read in full. A claims-only purpose (SERVICE_APPLICATION) answers yes/no
    // claims about a resident looked up the same way, never a file: it is checked alone, likewise.
    const alone = (p: Purpose) => LOOKUP_ONLY_PURPOSES.has(p) || CLAIMS_ONLY_PURPOSES.has(p);
    const browsing = purposes.filter((p) => !alone(p));
    const union: Readable = new Map();
    const allowedSomewhere = new Set<string>();
    for (const purpose of purposes) {
      const decisionOf = (field: string) => decideFn(role, purpose, declarations.get(field)!);
      const readable = readableFields(schema, declarations, decisionOf);
      if (alone(purpose)) {
        findings.push(...check(role, purpose, readable, declarations, identifiers.map((f) => [f, decisionOf(f)])));
        continue;
      }
      for (const [field, decision] of readable) {
        if (decision === 'ALLOW') allowedSomewhere.add(field);
        if (union.get(field) !== 'ALLOW') union.set(field, decision);
      }
      findings.push(...check(role, purpose, readable, declarations, identifiers.map((f) => [f, decisionOf(f)])));
    }
    if (browsing.length > 1) {
      const secret = identifiers.filter((f) => !allowedSomewhere.has(f)).map((f): [string, Decision] => [f, union.get(f) ?? 'DENY']);
      for (const f of check(role, browsing.join('+'), union, declarations, secret)) {
        if (!findings.some((g) => g.role === f.role && g.field === f.field)) findings.push(f);
      }
    }
  }
  return findings;
}

/** Refuses (throws `RecoverableValueError`, naming role, purpose and fields) a policy that lets a masked or denied value be recovered. */
export function assertNoRecoverableValues(schema: GraphQLSchema, declarations: FieldDeclarations, decideFn: DecideFn = decide): void {
  const findings = findRecoverableValues(schema, declarations, decideFn);
  if (findings.length) throw new RecoverableValueError(findings);
}

/** Candidates left per identifier for one role and purpose (for docs/access-matrix.md): the count the build checks. */
export function candidatesFor(schema: GraphQLSchema, declarations: FieldDeclarations, role: Role, purpose: Purpose, decideFn: DecideFn = decide): Map<string, number> {
  const decisionOf = (field: string) => decideFn(role, purpose, declarations.get(field)!);
  const readable = readableFields(schema, declarations, decisionOf);
  const targets = [...declarations.keys()].map((f): [string, Decision] => [f, decisionOf(f)]);
  return new Map(countAll(role, readable, declarations, targets).map((c) => [c.field, c.candidates]));
}

/**
 * The declared fields one role and purpose can reach from the resident-data roots, with their
 * decisions (ALLOW or MASK): a denied field hides everything under it.
 */
export function readableFor(schema: GraphQLSchema, declarations: FieldDeclarations, role: Role, purpose: Purpose, decideFn: DecideFn = decide): ReadonlyMap<string, Decision> {
  return readableFields(schema, declarations, (field) => decideFn(role, purpose, declarations.get(field)!));
}
